/** What screens need to know of templates to build a compose form (the engine itself stays behind the use cases). */
export type { TemplateSummary, VariableSummary } from '../../templates/index.ts';
