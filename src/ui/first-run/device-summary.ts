import { formatSize } from '../../app/models/model-facts';
import type { CapabilityReport } from '../../llm/capabilities';
import { t } from './messages';

const MIB = 1024 * 1024;

/** Storage as the Models services report it (bytes), or undefined where the browser does not say. */
export interface StorageSummary {
  usageBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

/**
 * The device check in three plain lines (graphics, memory, storage), in the current language.
 * Written here rather than taken from `describeCapabilities` so that it reads the same in both
 * languages and speaks of what the person gets, not of adapter features.
 */
export function deviceSummary(report: CapabilityReport, storage: StorageSummary | undefined): string[] {
  return [graphicsLine(report), memoryLine(report), storageLine(report, storage)];
}

function graphicsLine(report: CapabilityReport): string {
  if (!report.webgpu) return t('gpuNone');
  if (report.adapter?.isSoftware) return t('gpuSoftware');
  const name = [report.adapter?.vendor, report.adapter?.architecture].filter((part) => part).join(' ') || t('unknownGpu');
  const binding = report.maxStorageBufferBindingSize;
  return binding === undefined ? t('gpuReadyNoLimit', { name }) : t('gpuReady', { name, buffer: formatSize(binding / MIB) });
}

function memoryLine(report: CapabilityReport): string {
  return report.deviceMemoryGB === undefined ? t('memoryUnknown') : t('memory', { gigabytes: report.deviceMemoryGB });
}

function storageLine(report: CapabilityReport, storage: StorageSummary | undefined): string {
  const usage = storage?.usageBytes ?? report.storage?.usageBytes;
  const quota = storage?.quotaBytes ?? report.storage?.quotaBytes;
  if (usage === undefined || quota === undefined || quota <= 0) return t('storageUnknown');
  const free = formatSize(Math.max(0, quota - usage) / MIB);
  const persisted = storage?.persisted ?? report.persisted ?? false;
  return persisted ? t('storageKept', { free }) : t('storageEvictable', { free });
}
