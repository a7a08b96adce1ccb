import type { TabagentDb } from '../store';
import { BACKUP_STORES, exportBackup, parseBackup, serializeBackup, type BackupFile, type BackupStore } from '../store/backup';
import { applyImport, importBackup, planImport, previewImport, type ImportOptions, type ImportPlan, type ImportPreview, type ImportReport } from '../store/backup-import';
import type { TrustChange } from '../store/trust-changes';

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
  /** Imports, resolving conflicts as `options` says; nothing security-relevant is applied. */
  import(file: BackupFile, options: ImportOptions): Promise<ImportReport>;
  /** Plans an import: what it writes and the security-relevant changes that wait for the person. */
  plan(file: BackupFile, options: ImportOptions): Promise<ImportPlan>;
  /** Writes a plan, applying only the listed changes the person `confirmed`. */
  apply(plan: ImportPlan, confirmed: readonly TrustChange[]): Promise<ImportReport>;
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
    async plan(file, options) {
      return planImport(await openDatabase(), file, options);
    },
    async apply(plan, confirmed) {
      return applyImport(await openDatabase(), plan, confirmed);
    },
  };
}
