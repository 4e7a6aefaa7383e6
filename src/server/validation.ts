import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { Localized } from '../core/errors.js';

// Bodies are validated strictly: no type coercion, no silently dropped fields, so a wrong type or
// an unknown field is a 400 that names it. Query strings, params and headers arrive as text and
// are coerced to the declared types.
const strictAjv = new Ajv({
  allErrors: false,
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: true,
  strict: false,
});
const coercingAjv = new Ajv({
  allErrors: false,
  coerceTypes: 'array',
  removeAdditional: false,
  useDefaults: true,
  strict: false,
});
for (const ajv of [strictAjv, coercingAjv]) {
  (addFormats as unknown as (a: Ajv) => void)(ajv);
}

/** Fastify validator compiler: strict for bodies, coercing for the other parts of a request. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object);
  return (data: unknown) =>
    validate(data)
      ? { value: data }
      : { error: Object.assign(new Error('validation'), { validation: validate.errors ?? [] }) };
};

/** The field path of an AJV error within its part: `body.members.2.role`. */
export function fieldOf(error: ErrorObject, part: string): string {
  const path = error.instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string')
    path.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
    path.push(params.additionalProperty);
  return [part, ...path].join('.');
}

/** A short reason for an AJV error, in both languages. */
export function reasonOf(error: ErrorObject): Localized {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { en: 'is required', es: 'es obligatorio' };
    case 'type':
      return { en: `must be of type ${String(p.type)}`, es: `debe ser de tipo ${String(p.type)}` };
    case 'minLength':
      return {
        en: `must have at least ${String(p.limit)} characters`,
        es: `debe tener al menos ${String(p.limit)} caracteres`,
      };
    case 'maxLength':
      return {
        en: `must have at most ${String(p.limit)} characters`,
        es: `debe tener como máximo ${String(p.limit)} caracteres`,
      };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        en: `must be ${String(p.comparison)} ${String(p.limit)}`,
        es: `debe ser ${String(p.comparison)} ${String(p.limit)}`,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        en: `must be ${String(p.comparison)} ${String(p.limit)}`,
        es: `debe ser ${String(p.comparison)} ${String(p.limit)}`,
      };
    case 'minItems':
      return {
        en: `must have at least ${String(p.limit)} items`,
        es: `debe tener al menos ${String(p.limit)} elementos`,
      };
    case 'maxItems':
      return {
        en: `must have at most ${String(p.limit)} items`,
        es: `debe tener como máximo ${String(p.limit)} elementos`,
      };
    case 'enum':
      return {
        en: `must be one of ${(p.allowedValues as unknown[]).join(', ')}`,
        es: `debe ser uno de ${(p.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { en: `must be ${String(p.allowedValue)}`, es: `debe ser ${String(p.allowedValue)}` };
    case 'format':
      return { en: `must be a valid ${String(p.format)}`, es: `debe ser un ${String(p.format)} válido` };
    case 'pattern':
      return { en: 'has the wrong form', es: 'tiene una forma incorrecta' };
    case 'additionalProperties':
      return { en: 'is not a known field', es: 'no es un campo conocido' };
    default:
      return { en: error.message ?? 'is invalid', es: error.message ?? 'no es válido' };
  }
}
