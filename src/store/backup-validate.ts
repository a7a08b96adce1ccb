/**
 * Validation of a backup file's content, bounded: it stops at the first
 * `MAX_BACKUP_PROBLEMS` problems, so a large hostile file (hundreds of thousands of malformed
 * records) costs one pass over the records at most, never one error object per field. It also
 * refuses what the schema cannot say: duplicate keys in any store, references to records that
 * are not in the file, and vectors of the wrong length.
 */
import { compileOwnSchema, type ValidateFunction } from '../tools/json-schema';
import type { SchemaError } from '../tools/schema-errors';
import type { JsonSchema } from '../core/types';
import { backupHeadSchemaV1, backupRecordSchemas } from './backup-schema';

/** How many problems a validation reports at most; it stops looking after that many. */
export const MAX_BACKUP_PROBLEMS = 20;

/** What is wrong with a file: at most `MAX_BACKUP_PROBLEMS` descriptions, and whether it stopped early. */
export interface BackupProblems {
  problems: string[];
  /** True when checking stopped at the limit: there may be more problems. */
  truncated: boolean;
}

type StoreName = keyof typeof backupRecordSchemas;
const STORE_NAMES = Object.keys(backupRecordSchemas) as StoreName[];

/** A list that refuses to grow past the limit and says when it is full. */
class ProblemList {
  readonly problems: string[] = [];
  truncated = false;

  /** Adds a problem; returns false (and marks the list truncated) once the limit is reached. */
  add(problem: string): boolean {
    if (this.problems.length >= MAX_BACKUP_PROBLEMS) {
      this.truncated = true;
      return false;
    }
    this.problems.push(problem);
    return true;
  }

  result(): BackupProblems {
    return { problems: this.problems, truncated: this.truncated };
  }
}

interface Validators {
  head: ValidateFunction;
  records: Record<StoreName, ValidateFunction>;
}

let validators: Validators | undefined;

/**
 * Compiled once. The head validator reports every problem (it is small and bounded: a few
 * fields and one type per store); record validators stop at the first problem of a record
 * (`allErrors` false), so each bad record costs one error object.
 */
function compiled(): Validators {
  if (validators) return validators;
  // Interpreted, never compiled to code: the page's CSP has no 'unsafe-eval' (restore runs there).
  validators = {
    head: compileOwnSchema(backupHeadSchemaV1),
    records: Object.fromEntries(STORE_NAMES.map((store) => [store, compileOwnSchema(backupRecordSchemas[store] as JsonSchema, false)])) as Record<StoreName, ValidateFunction>,
  };
  return validators;
}

/** "data.messages[3].conversationId" from the validator's "/data/messages/3/conversationId". */
function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra) parts.push(extra);
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  return path === '' ? 'the file' : path;
}

function describeError(error: SchemaError, prefix = ''): string {
  const params = error.params;
  const path = prefix + error.instancePath;
  if (error.keyword === 'required') return `${fieldPath(path, String(params.missingProperty))} is missing`;
  if (error.keyword === 'const') return `${fieldPath(path)} must be ${JSON.stringify(params.allowedValue)}`;
  return `${fieldPath(path)} ${error.message || 'is invalid'}`;
}

/** The number of bytes a base64 text decodes to, or -1 when no text of that length is base64. */
function base64ByteLength(text: string): number {
  if (text.length % 4 === 1) return -1;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - (text.length % 4 === 0 ? padding : 0);
}

type FileData = Record<StoreName, Record<string, unknown>[]>;

/** The key a record is stored under in its store (the stores' key paths in schema.ts). */
function storeKey(store: StoreName, record: Record<string, unknown>): string {
  switch (store) {
    case 'vectors':
      return JSON.stringify([record.modelId, record.textHash]);
    case 'evalExamples':
      return JSON.stringify([record.runId, record.index]);
    case 'tools':
      return String(record.name);
    default:
      return String(record.id);
  }
}

/** How a problem names a record's key: its field, or the fields of a compound key. */
function keyLabel(store: StoreName, index: number, key: string): string {
  switch (store) {
    case 'vectors':
      return `data.vectors[${index}] key (modelId, textHash) ${key}`;
    case 'evalExamples':
      return `data.evalExamples[${index}] key (runId, index) ${key}`;
    case 'tools':
      return `data.tools[${index}].name ${JSON.stringify(key)}`;
    default:
      return `data.${store}[${index}].id ${JSON.stringify(key)}`;
  }
}

/**
 * Every store's keys, refusing duplicates: two records under one key would otherwise pass
 * validation and fail the import later as a storage error.
 */
function checkKeys(data: FileData, list: ProblemList): Record<StoreName, Set<string>> {
  const keys = {} as Record<StoreName, Set<string>>;
  for (const store of STORE_NAMES) {
    const seen = new Set<string>();
    keys[store] = seen;
    data[store].forEach((record, index) => {
      const key = storeKey(store, record);
      if (seen.has(key)) list.add(`${keyLabel(store, index, key)} appears twice`);
      seen.add(key);
    });
  }
  return keys;
}

/** References between records of the file, and vectors of the right length: what the schema cannot say. */
function checkReferences(data: FileData, keys: Record<StoreName, Set<string>>, list: ProblemList): void {
  const refers = (store: StoreName, field: string, what: string, target: StoreName): void => {
    data[store].forEach((record, index) => {
      const id = String(record[field]);
      if (!keys[target].has(id)) list.add(`data.${store}[${index}].${field} refers to ${what} "${id}", which is not in the file`);
    });
  };
  refers('messages', 'conversationId', 'conversation', 'conversations');
  refers('knowledgeDocuments', 'knowledgeBaseId', 'knowledge base', 'knowledgeBases');
  refers('knowledgeChunks', 'documentId', 'document', 'knowledgeDocuments');
  refers('evalExamples', 'runId', 'evaluation run', 'evalRuns');
  data.vectors.forEach((record, index) => {
    if (base64ByteLength(String(record.vector)) !== Number(record.dims) * 4) list.add(`data.vectors[${index}].vector must hold ${String(record.dims)} float32 values`);
  });
}

/**
 * The problems of a version-1 backup (already parsed from JSON): its shape, each record's
 * fields, duplicate keys and references, at most `MAX_BACKUP_PROBLEMS` of them. Empty: valid.
 */
export function backupProblemsV1(value: unknown): BackupProblems {
  const { head, records } = compiled();
  const list = new ProblemList();
  if (!head(value)) {
    for (const error of head.errors ?? []) list.add(describeError(error));
    return list.result();
  }
  const data = (value as { data: FileData }).data;
  for (const store of STORE_NAMES) {
    const validate = records[store];
    const items = data[store];
    for (let index = 0; index < items.length; index += 1) {
      if (validate(items[index])) continue;
      if (!list.add(describeError(validate.errors![0]!, `/data/${store}/${index}`))) return list.result();
    }
  }
  // References and keys are meaningful only between well-formed records.
  if (list.problems.length > 0) return list.result();
  const keys = checkKeys(data, list);
  checkReferences(data, keys, list);
  return list.result();
}
