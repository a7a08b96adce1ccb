/**
 * The files the demos bring along, bundled as text into the demos' own lazily loaded chunk: they
 * work offline (the service worker precaches the chunk) and never touch the network.
 */
import guideEnglish from './assets/tabagent-guide.en.md?raw';
import guideChinese from './assets/tabagent-guide.zh.md?raw';
import openMeteoSpec from './assets/open-meteo.openapi.json?raw';

/** A sample document of the "Ask my documents" demo. */
export interface DemoDocument {
  /** File name, as the Knowledge page lists it. */
  name: string;
  title: string;
  text: string;
}

/** The Tabagent user guide, in English and in Chinese (both go into the base, so either language finds its passages). */
export const demoDocuments: readonly DemoDocument[] = [
  { name: 'tabagent-guide.md', title: 'Tabagent user guide', text: guideEnglish },
  { name: 'tabagent-guide.zh.md', title: 'Tabagent 使用指南', text: guideChinese },
];

/** The OpenAPI 3 document of Open-Meteo's forecast and geocoding endpoints. */
export const openMeteoDocument = { fileName: 'open-meteo.openapi.json', text: openMeteoSpec };
