import { formatMegabytes, recommendModels, type CapabilityReport, type ModelRecommendation } from '../../llm/capabilities';
import type { CatalogModel } from '../../llm/catalog';

/**
 * The catalog models that fit this device, best first, each with its device and the reasons
 * for or against it (the capability module's rules, so the Models page and the welcome agree).
 */
export function recommendationsFor(report: CapabilityReport, catalog: readonly CatalogModel[]): ModelRecommendation[] {
  return recommendModels(report, catalog);
}

/** A size in megabytes as people read it (MB below a gigabyte, GB above), the same on every page. */
export function formatSize(megabytes: number): string {
  return formatMegabytes(megabytes);
}
