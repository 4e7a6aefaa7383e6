/**
 * The one table of error codes. Each code has an HTTP status and a sentence per language with
 * `{{placeholders}}`; HTTP responses are `application/problem+json` carrying the code, the field
 * path and the sentence in the client's language. Codes are stable: clients may rely on them.
 */
export const ERROR_TABLE = Object.freeze({
  validation: {
    status: 400,
    en: '{{field}}: {{reason}}',
    es: '{{field}}: {{reason}}',
  },
  'malformed-json': {
    status: 400,
    en: 'The request body is not valid JSON: {{reason}}',
    es: 'El cuerpo de la solicitud no es JSON válido: {{reason}}',
  },
  'unknown-field': {
    status: 400,
    en: '{{field}} is not a known field',
    es: '{{field}} no es un campo conocido',
  },
  'body-too-large': {
    status: 413,
    en: 'The request body is larger than the limit of {{limit}} bytes',
    es: 'El cuerpo de la solicitud supera el límite de {{limit}} bytes',
  },
  'unsupported-media-type': {
    status: 415,
    en: 'Content type {{type}} is not accepted; send application/json',
    es: 'No se acepta el tipo de contenido {{type}}; envíe application/json',
  },
  unauthenticated: {
    status: 401,
    en: 'Sign in first',
    es: 'Primero inicie sesión',
  },
  'invalid-credentials': {
    status: 401,
    en: 'Wrong user name or password',
    es: 'Nombre de usuario o contraseña incorrectos',
  },
  'invalid-token': {
    status: 401,
    en: 'The API token is unknown or revoked',
    es: 'El token de API es desconocido o fue revocado',
  },
  forbidden: {
    status: 403,
    en: 'You may not do this',
    es: 'No tiene permiso para hacer esto',
  },
  'csrf-failed': {
    status: 403,
    en: 'Missing or wrong X-CSRF-Token header for a signed-in write',
    es: 'Falta la cabecera X-CSRF-Token o es incorrecta en una escritura con sesión',
  },
  'insufficient-scope': {
    status: 403,
    en: 'The API token lacks the scope {{scope}}',
    es: 'Al token de API le falta el alcance {{scope}}',
  },
  'not-found': {
    status: 404,
    en: '{{field}} was not found',
    es: 'No se encontró {{field}}',
  },
  'route-not-found': {
    status: 404,
    en: 'There is no route {{method}} {{url}}',
    es: 'No existe la ruta {{method}} {{url}}',
  },
  conflict: {
    status: 409,
    en: '{{field}}: {{reason}}',
    es: '{{field}}: {{reason}}',
  },
  'idempotency-key-reused': {
    status: 422,
    en: 'The Idempotency-Key was already used for a different request',
    es: 'La clave Idempotency-Key ya se usó para otra solicitud',
  },
  // Supply committees (src/supply): expected refusals of claims, registrations and allocation steps.
  'duplicate-person': {
    status: 409,
    en: '{{field}}: this person is already registered in a household ({{where}})',
    es: '{{field}}: esta persona ya está inscrita en un hogar ({{where}})',
  },
  'already-claimed': {
    status: 409,
    en: 'The household already received this good for {{period}} (at {{claimedAt}})',
    es: 'El hogar ya recibió este bien para {{period}} (el {{claimedAt}})',
  },
  'beyond-entitlement': {
    status: 422,
    en: '{{field}}: {{asked}} asked, {{due}} due to this household',
    es: '{{field}}: se piden {{asked}}, al hogar le corresponden {{due}}',
  },
  'card-refused': {
    status: 422,
    en: 'The ration card is not honoured ({{verdict}}): {{reason}}',
    es: 'La tarjeta de racionamiento no es válida ({{verdict}}): {{reason}}',
  },
  'unknown-household': {
    status: 422,
    en: '{{field}}: no such household at this committee',
    es: '{{field}}: no existe ese hogar en esta junta',
  },
  'out-of-stock': {
    status: 409,
    en: '{{field}}: only {{available}} left at this distribution point',
    es: '{{field}}: solo quedan {{available}} en este punto de distribución',
  },
  'claim-key-reused': {
    status: 422,
    en: '{{field}}: this key was used for a different handover',
    es: '{{field}}: esta clave se usó para otra entrega',
  },
  'stale-preview': {
    status: 409,
    en: '{{field}}: the allocation changed since the preview; preview it again',
    es: '{{field}}: la distribución cambió desde la vista previa; véala de nuevo',
  },
  'already-confirmed': {
    status: 409,
    en: 'This delivery was already allocated',
    es: 'Esta entrega ya fue distribuida',
  },
  'photo-too-large': {
    status: 413,
    en: '{{field}}: the photo has {{size}} bytes; at most {{limit}} are accepted',
    es: '{{field}}: la foto tiene {{size}} bytes; se aceptan como máximo {{limit}}',
  },
  'photo-type': {
    status: 415,
    en: '{{field}}: {{reason}}; send a JPEG, PNG or WebP photo',
    es: '{{field}}: {{reason}}; envíe una foto JPEG, PNG o WebP',
  },
  'wrong-step': {
    status: 409,
    en: '{{field}}: a report that is {{current}} cannot become {{to}}',
    es: '{{field}}: un reporte en estado {{current}} no puede pasar a {{to}}',
  },
  'weak-password': {
    status: 400,
    en: 'The password must have at least {{min}} characters',
    es: 'La contraseña debe tener al menos {{min}} caracteres',
  },
  'rate-limited': {
    status: 429,
    en: 'Too many attempts; try again in {{seconds}} seconds',
    es: 'Demasiados intentos; vuelva a intentarlo en {{seconds}} segundos',
  },
  'affiliation-cycle': {
    status: 409,
    en: '{{field}}: affiliating would close a cycle of councils: {{cycle}}',
    es: '{{field}}: la afiliación cerraría un ciclo de consejos: {{cycle}}',
  },
  'already-voted': {
    status: 409,
    en: '{{field}}: you have already voted here',
    es: '{{field}}: usted ya votó aquí',
  },
  'voting-closed': {
    status: 409,
    en: '{{field}}: voting has closed',
    es: '{{field}}: la votación está cerrada',
  },
  'already-signed': {
    status: 409,
    en: '{{field}}: you have already signed this petition',
    es: '{{field}}: usted ya firmó esta petición',
  },
  'petition-closed': {
    status: 409,
    en: '{{field}}: the petition is closed',
    es: '{{field}}: la petición está cerrada',
  },
  'not-eligible': {
    status: 422,
    en: '{{field}}: {{reason}}',
    es: '{{field}}: {{reason}}',
  },
  'amendments-pending': {
    status: 409,
    en: '{{field}}: decide the {{count}} open amendment(s) before the motion',
    es: '{{field}}: decida las {{count}} enmienda(s) abiertas antes de la moción',
  },
  'unknown-indicator': {
    status: 422,
    en: '{{field}}: no indicator with this id that you may report for (unknown, or of another workplace)',
    es: '{{field}}: no hay un indicador con este id que usted pueda informar (desconocido, o de otro lugar de trabajo)',
  },
  'invalid-value': {
    status: 422,
    en: '{{field}}: {{reason}}',
    es: '{{field}}: {{reason}}',
  },
  'invalid-period': {
    status: 422,
    en: '{{field}}: "{{period}}" is not a {{frequency}} period (a date YYYY-MM-DD; a Monday for weekly indicators)',
    es: '{{field}}: "{{period}}" no es un período {{frequency}} (una fecha AAAA-MM-DD; un lunes para indicadores semanales)',
  },
  'period-in-future': {
    status: 422,
    en: '{{field}}: the period {{period}} has not begun yet',
    es: '{{field}}: el período {{period}} todavía no comienza',
  },
  'already-reported': {
    status: 409,
    en: '{{field}}: {{period}} was already reported with the value {{stored}}; a report is never changed',
    es: '{{field}}: {{period}} ya se informó con el valor {{stored}}; un informe no se cambia',
  },
  'alert-closed': {
    status: 409,
    en: '{{field}}: the alert is already {{status}}',
    es: '{{field}}: la alerta ya está {{status}}',
  },
  // Spare parts (src/production/spare-parts.service.ts): an order or need moved by someone else first.
  'spare-part-order-conflict': {
    status: 409,
    en: '{{field}}: the order is {{status}} and cannot become {{to}}',
    es: '{{field}}: el pedido está {{status}} y no puede pasar a {{to}}',
  },
  'spare-part-need-closed': {
    status: 409,
    en: '{{field}}: the need is already {{status}}',
    es: '{{field}}: la necesidad ya está {{status}}',
  },
  // Land (src/land): parcels' status moves, assignments, boundaries, harvests.
  'parcel-transition-forbidden': {
    status: 409,
    en: '{{field}}: a parcel that is {{from}} cannot become {{to}}',
    es: '{{field}}: una parcela en estado {{from}} no puede pasar a {{to}}',
  },
  'parcel-motion-required': {
    status: 422,
    en: '{{field}}: going from {{from}} to {{to}} needs an adopted motion of the deciding body',
    es: '{{field}}: pasar de {{from}} a {{to}} requiere una moción aprobada del órgano que decide',
  },
  'parcel-already-assigned': {
    status: 409,
    en: '{{field}}: the parcel is already assigned; return it before assigning it again',
    es: '{{field}}: la parcela ya está asignada; devuélvala antes de asignarla de nuevo',
  },
  'parcel-not-assigned': {
    status: 409,
    en: '{{field}}: the parcel is not assigned to any body, so no harvest can be reported for it',
    es: '{{field}}: la parcela no está asignada a ningún órgano, así que no se puede informar una cosecha',
  },
  'harvest-stock-short': {
    status: 409,
    en: '{{field}}: the peasant committee holds {{availableKg}} kg of {{product}}, less than the {{requestedKg}} kg to load',
    es: '{{field}}: el comité campesino tiene {{availableKg}} kg de {{product}}, menos que los {{requestedKg}} kg por cargar',
  },
  'invalid-geometry': {
    status: 422,
    en: '{{field}}: {{reason}}',
    es: '{{field}}: {{reason}}',
  },
  // Planning (src/planning): plans before the assembly.
  'plan-wrong-status': {
    status: 409,
    en: '{{field}}: the plan is {{status}}; this needs a plan that is {{expected}}',
    es: '{{field}}: el plan está en estado {{status}}; esto requiere un plan en estado {{expected}}',
  },
  'plan-motion-undecided': {
    status: 409,
    en: "{{field}}: the assembly has not decided the plan's motion yet; close its vote first",
    es: '{{field}}: la asamblea aún no decide la moción del plan; cierre primero su votación',
  },
  internal: {
    status: 500,
    en: 'Something went wrong on the server; it has been logged',
    es: 'Algo falló en el servidor; quedó registrado',
  },
  unavailable: {
    status: 503,
    en: 'The server is shutting down or its database is unreachable',
    es: 'El servidor se está deteniendo o su base de datos no responde',
  },
} as const satisfies Record<string, { status: number; en: string; es: string }>);

/** A stable error code from the table. */
export type ErrorCode = keyof typeof ERROR_TABLE;

/** A sentence given in each language, for reasons produced by services or validators. */
export interface Localized {
  readonly en: string;
  readonly es: string;
}

/** Values for a message's placeholders; a `Localized` value is rendered in the response language. */
export type ErrorParams = Readonly<Record<string, string | number | Localized>>;

/**
 * An error a client can act on: a code from the table, the field it concerns (a JSON pointer-ish
 * path like `body.password` or `query.limit`) and the placeholder values.
 *
 * @example throw new AppError('not-found', { field: 'body', params: { field: 'body' } });
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; params?: ErrorParams } = {},
  ) {
    super(renderError(code, 'en', options.params ?? { field: options.field ?? '' }));
    this.name = 'AppError';
    this.status = ERROR_TABLE[code].status;
  }
  get field(): string | undefined {
    return this.options.field;
  }
  get params(): ErrorParams {
    return { field: this.options.field ?? '', ...this.options.params };
  }
}

/** The sentence for `code` in `locale` with its placeholders filled. */
export function renderError(code: ErrorCode, locale: 'en' | 'es', params: ErrorParams): string {
  const template = ERROR_TABLE[code][locale];
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return '';
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

/** Shorthand for a 400 on one field: `invalid('body.name', 'must not be empty')`. */
export function invalid(field: string, reason: string | Localized): AppError {
  return new AppError('validation', { field, params: { field, reason } });
}
