// calculators/generated/catalog.mjs, which scripts/build_site.py writes at build time from the
// core's "catalog" operation (copc_cx.web._catalog): tsconfig's rootDirs lay this folder over
// calculators/. Only what the calculators read is declared.

/** A text in both languages. */
export interface Text {
  ja: string;
  en: string;
}

/** A note's reference: "erratum:<id>" or "interpretation:<id>". */
export type NoteRef = string;

export interface Item {
  number: string;
  name: Text;
  points: number;
  scoring: Scoring;
  category: string;
  notes: NoteRef[];
}

export type Scoring = "approach-deployment" | "performance" | "channel-performance" | "rule-50-75";

/** One input of a form, as the core names it and labels it. */
export interface InputField {
  name: string;
  label: Text;
  short: Text;
  hint: Text | null;
  limit: number;
}

export interface MetricType {
  id: string;
  name: Text;
  optional: boolean;
}

export interface Requirement {
  id: string;
  text: Text;
  computed: boolean;
}

export interface BlockMetric {
  id: string;
  name: Text;
  unit: string;
  unit_name: Text;
  client_set: boolean;
}

export interface Block {
  id: string;
  name: Text;
  items: string[];
  optional_items: string[];
  editions: string[];
  notes: NoteRef[];
  requirements: Requirement[];
  metrics: BlockMetric[];
}

export interface Condition {
  id: string;
  text: Text;
}

export interface Erratum {
  id: string;
  title: Text;
  guide_prints: Text;
  contradiction: Text;
  decision: Text;
}

export interface Interpretation {
  id: string;
  title: Text;
  question: Text;
  default: Text;
}

/** A calculator of the core's registry (copc_cx.registry.CALCULATORS). */
export interface CalculatorEntry {
  name: string;
  op: string;
  title: Text;
  summary: Text;
  page: string;
}

/** A worked example (copc_cx.examples.EXAMPLES): `input` is its calculator's operation's input. */
export interface WorkedExample {
  id: string;
  calculator: string;
  title: Text;
  shows: Text;
  origin: "guide" | "site";
  reference: string;
  page: string;
  input: Record<string, any>;
  expected: Record<string, unknown>;
}

/** Assessments as files (copc_cx.files): formats, versions and the limits a browser checks first. */
export interface AssessmentFiles {
  format: string;
  version: number;
  max_bytes: number;
  metadata: string[];
  max_note: number;
  workbook_max_bytes: number;
  process_format: string;
}

/** The timeline form's choices and bounds (copc_cx.timeline.catalog_json). */
export interface TimelineCatalog {
  paths: { id: string; name: Text; months: number; figure: Text; reference: string }[];
  start_is: { id: string; name: Text }[];
  directions: { id: string; name: Text }[];
  kinds: { id: string; name: Text }[];
  shapes: { id: string; name: Text }[];
  phases: { id: string; name: Text }[];
  bounds: { earliest: string; latest: string; years_back: number; years_ahead: number; max_years: number;
            default_years: number };
  spans: { id: string; figure: Text; basis: string; what: Text; reference: string; vague: Text | null }[];
}

/** The metrics table's form (copc_cx.web._metrics_table_catalog). */
export interface MetricsTableCatalog {
  columns: { key: string; label: Text; headings: string[] }[];
  items: string[];
  typed_items: string[];
  directions: { id: string; name: Text }[];
  improvement: { id: string; name: Text }[];
  level_readings: { id: string; name: Text }[];
  statuses: string[];
  limits: { metrics: number; months: number };
}

export interface Catalog {
  editions: Record<string, { items: Item[] }>;
  categories: { number: string; name: Text }[];
  scorings: Record<Scoring, { fields: InputField[]; notes: NoteRef[] }>;
  forms: { level: InputField[]; renewal: InputField[] };
  timeline: TimelineCatalog;
  may_not_apply_without: Record<string, string[]>;
  channels: Record<string, { name: Text; examples: Text[] }>;
  metric_types: MetricType[];
  levels: Record<string, Text>;
  metrics_table: MetricsTableCatalog;
  blocks: Block[];
  topics: Record<string, NoteRef[]>;
  certification_conditions: Condition[];
  renewal_conditions: Condition[];
  errata: Erratum[];
  interpretations: Interpretation[];
  calculators: CalculatorEntry[];
  examples: WorkedExample[];
  assessment_file: AssessmentFiles;
}

export const CATALOG: Catalog;
