// The library: `import { analyze } from "lodestone"`.
import { analyzeText, type AnalyzeOptions } from './pipeline.js';
import { toJson, type AnalysisJson } from './output.js';

export type { AnalysisJson } from './output.js';
export type * from './document.js';
export { analyzeText, STAGES, type AnalyzeOptions } from './pipeline.js';
export { formatReport } from './report.js';

/** Analyses one article's text into the contract's JSON shape. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisJson {
  return toJson(analyzeText(text, options), { syntax: options.syntax === true });
}
