import type { TabagentDb } from '../store';
import { BACKUP_STORES, exportBackup, parseBackup, serializeBackup, type BackupFile, type BackupStore } from '../store/backup';
import { importBackup, previewImport, type ImportOptions, type ImportPreview, type ImportReport } from '../store/backup-import';

/** The backup use cases: one file with all data out, and a file read back in after a preview. */
export interface BackupService {
  /** The stores a backup holds, in the order the preview lists them. */
  stores: readonly BackupStore[];
  /** Everything, as the file's text and its suggested name. */
  export(): Promise<{ text: string; name: string }>;
  /** Reads a chosen file (throws 'invalid-file' for anything that is not a Tabagent backup). */
  read(text: string): BackupFile;
  /** What importing would add and what already exists. */
  preview(file: BackupFile): Promise<ImportPreview>;
  /** Imports, resolving conflicts as `options` says. */
  import(file: BackupFile, options: ImportOptions): Promise<ImportReport>;
}

/** Backups of the database `openDatabase` opens. */
export function createBackupService(openDatabase: () => Promise<TabagentDb>): BackupService {
  return {
    stores: BACKUP_STORES,
    async export() {
      const file = await exportBackup(await openDatabase());
      return { text: serializeBackup(file), name: `tabagent-backup-${file.exportedAt.slice(0, 10)}.json` };
    },
    read: parseBackup,
    async preview(file) {
      return previewImport(await openDatabase(), file);
    },
    async import(file, options) {
      return importBackup(await openDatabase(), file, options);
    },
  };
}
