import { exportFileName, parseManifestFile, type ParsedManifestFile } from '../../tools/custom/manifest-file';
import { manifestToJson, type ToolManifest } from '../../tools/manifest';
import { uniqueToolName } from '../../tools/tool-names';

/** A custom tool as a file to save: its name and its JSON text. */
export function manifestExport(manifest: ToolManifest): { name: string; text: string } {
  return { name: exportFileName(manifest), text: manifestToJson(manifest) };
}

/** Reads a chosen manifest file: the manifest, or the problems that keep it out. */
export function readManifestFile(text: string): ParsedManifestFile {
  return parseManifestFile(text);
}

/** A name like `name` that none of `taken` has (`name_2`, `name_3`…), offered when an import collides. */
export function freeToolName(name: string, taken: Set<string>): string {
  return uniqueToolName(name, taken);
}
