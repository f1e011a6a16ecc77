/**
 * Validation of a passport against the Battery Pass consortium's own JSON Schema
 * (schemas/passport, draft-04: ajv-draft-04 + ajv-formats, the two SAMM keywords declared).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packagePath } from '../package-root.ts';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

export const PASSPORT_SCHEMA_PATH = packagePath('schemas/passport/PerformanceAndDurability-1.2.1.schema.json');

// CommonJS packages: under NodeNext the default import is module.exports, the class is its .default
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

let compiled: ValidateFunction | undefined;

export function passportSchemaAvailable(path = PASSPORT_SCHEMA_PATH): boolean {
  return existsSync(path);
}

function validator(path: string): ValidateFunction {
  if (compiled && path === PASSPORT_SCHEMA_PATH) return compiled;
  const ajv = new Ajv04({ allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('x-samm-aspect-model-urn');
  ajv.addKeyword('components');
  const fn = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
  if (path === PASSPORT_SCHEMA_PATH) compiled = fn;
  return fn;
}

export const CATENAX_SCHEMA_PATH = join(dirname(PASSPORT_SCHEMA_PATH), 'catenax-BatteryPass-6.1.0.schema.json');

let compiledCx: ValidateFunction | undefined;

/** Errors of a Catena-X `performance` section against `#/properties/performance` of the 6.1.0 schema. */
export function validateCatenaxPerformance(performance: unknown, path = CATENAX_SCHEMA_PATH): string[] {
  if (!compiledCx || path !== CATENAX_SCHEMA_PATH) {
    const ajv = new Ajv04({ allErrors: true });
    addFormats(ajv);
    ajv.addKeyword('x-samm-aspect-model-urn');
    ajv.addKeyword('components');
    ajv.addSchema(JSON.parse(readFileSync(path, 'utf8')) as object, 'cx');
    const fn = ajv.compile({ $ref: 'cx#/properties/performance' });
    if (path !== CATENAX_SCHEMA_PATH) return fn(performance) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
    compiledCx = fn;
  }
  if (compiledCx(performance)) return [];
  return (compiledCx.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/** Returns the schema errors as "path: message" lines; empty when the passport validates. */
export function validatePassport(passport: unknown, path = PASSPORT_SCHEMA_PATH): string[] {
  const fn = validator(path);
  if (fn(passport)) return [];
  return (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
