/**
 * Every problem `type` the REST APIs answer with (`/problems/<slug>`), once, with the status it is
 * sent with and what it means for an integrator. The OpenAPI documents take their problem examples
 * from here; test/docs/problem-catalogue.spec.ts keeps it equal to what the code throws.
 */
export interface ProblemCatalogueEntry {
  status: number;
  /** Further statuses the same type is sent with, by operation (see the operation's responses). */
  alsoStatus?: readonly number[];
  title: string;
  description: string;
}

export const PROBLEM_CATALOGUE = {
  // Any operation
  'validation-error': { status: 400, title: 'The request is not valid', description: 'A field, parameter or query value breaks the schema; `errors` lists every invalid field at once.' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON', description: 'The body (or the JSON part of a multipart request) does not parse as JSON.' },
  'malformed-body': { status: 400, title: 'The request body is empty', description: 'The body is empty or its length does not match Content-Length.' },
  unauthenticated: { status: 401, title: 'Authentication failed', description: 'No bearer token, or the token is expired, forged or for another audience; sign in again.' },
  forbidden: { status: 403, title: 'Not allowed', description: 'The caller is authenticated but its role may not perform this operation.' },
  'not-found': { status: 404, title: 'Not found', description: 'No operation exists at this path; check the path and the service’s base URL.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', description: 'The path exists but not with this HTTP method.' },
  'json-too-deep': { status: 400, title: 'The request body is nested too deeply', description: 'Arrays and objects in the JSON body are nested deeper than `maxDepth` (32) levels; no request needs more.' },
  'nul-character': { status: 400, title: 'The request contains a NUL character', description: 'A path, query value or JSON string holds U+0000, which no field accepts; `detail` says where.' },
  'malformed-url': { status: 400, title: 'The URL is not valid', description: 'The path or query is not valid percent-encoding (for example `%zz` or a cut-off `%E4`).' },
  'malformed-request': { status: 400, title: 'The request is not valid HTTP', description: 'The request line or framing is broken (for example a bad chunked encoding); the connection is closed and nothing was processed.' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive', description: 'The headers or body did not arrive within the server’s request timeout; the connection is closed and nothing was processed.' },
  'bad-request': { status: 400, title: 'The request cannot be routed', description: 'The router could not handle the request as sent (other than a bad URL encoding); check the method, path and headers.' },
  'headers-too-large': { status: 431, title: 'The request line or headers are too large', description: 'The URL or the headers exceed the server’s limit; send long values in the body instead.' },
  'payload-too-large': { status: 413, title: 'The request body is too large', description: 'The body exceeds the service’s size limit; files go through the multipart upload instead.' },
  'unsupported-media-type': { status: 415, title: 'The content type is not supported', description: 'The body is not sent as application/json (or multipart/form-data where an upload is expected).' },
  'too-many-requests': { status: 429, title: 'Too many requests', description: 'The caller exceeded its per-minute rate limit; retry after `retryAfter` seconds.' },
  'internal-error': { status: 500, title: 'Something went wrong on our side', description: 'An unexpected failure; nothing was saved half-way, so retry with the same Idempotency-Key.' },
  'invalid-cursor': { status: 400, title: 'The page cursor is not valid', description: 'The `cursor` query value was not taken unchanged from a previous page’s `nextCursor`.' },
  'invalid-idempotency-key': { status: 400, title: 'The Idempotency-Key is not valid', description: 'The Idempotency-Key header must be 8–128 letters, digits, or . _ : -.' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for a different request', description: 'The same Idempotency-Key came with a different body; use a new key for a new request.' },

  // Intake: catalogue of matters and bundles
  'matter-not-found': { status: 404, title: 'No such matter', description: 'No matter (or no such version of it) has this code.' },
  'bundle-not-found': { status: 404, title: 'No such bundle', description: 'No bundle (or no such version of it) has this code.' },
  'invalid-matter-definition': { status: 422, title: 'The matter definition is not valid', description: 'The published matter contradicts itself (for example duplicate material codes); `problems` lists why.' },
  'invalid-bundle-definition': { status: 422, title: 'The bundle definition is not valid', description: 'The published bundle names matters that are unknown, retired or repeated.' },
  'unknown-department': { status: 422, title: 'No such department', description: 'The matter names department codes that do not exist; `departmentCodes` lists them.' },

  // Intake: cases
  'case-not-found': { status: 404, title: 'No such case', description: 'No case has this id, or the caller may not see it (another region).' },
  'supplement-notice-not-found': { status: 404, title: 'No such supplement notice', description: 'The case has no supplement notice (it never was asked for more materials).' },
  'unknown-matter': { status: 422, title: 'No such matter in the catalogue', description: 'The case names a matter code the catalogue does not have.' },
  'matter-retired': { status: 422, title: 'The matter is no longer handled', description: 'The matter was retired; no new case can be filed for it.' },
  'matter-not-offered-here': { status: 422, title: 'The matter is not handled in this region', description: 'The matter is offered in other regions only; `regionCodes` lists where.' },
  'unknown-bundle': { status: 422, title: 'No such bundle in the catalogue', description: 'The case names a bundle code the catalogue does not have.' },
  'bundle-retired': { status: 422, title: 'The bundle is no longer handled', description: 'The bundle was retired; no new case can be filed for it.' },
  'bundle-not-offered-here': { status: 422, title: 'The bundle is not handled in this region', description: 'The bundle is offered in other regions only; `regionCodes` lists where.' },
  'bundle-matter-unavailable': { status: 422, title: 'A matter of the bundle cannot be handled', description: 'A matter of the bundle is retired or not offered in this region; `unavailable` lists which.' },
  'matter-and-bundle': { status: 400, title: 'A case is for one matter or one bundle', description: 'The request gave both matterCode and bundleCode; give exactly one.' },
  'matter-or-bundle-required': { status: 400, title: 'A case names a matter or a bundle', description: 'The request gave neither matterCode nor bundleCode.' },
  'unknown-materials': { status: 422, title: 'Some materials do not belong to this matter (bundle)', description: 'Material codes that the matter (or bundle) does not ask for; `unknown` lists them.' },
  'materials-incomplete': { status: 422, title: 'Materials are still missing', description: 'Required materials are not provided yet; `missing` lists them.' },
  'invalid-id-number': { status: 422, title: 'An identity number is not valid', description: 'An identity number fails its check digit or format; `errors` names the field.' },
  'region-not-allowed': { status: 403, title: 'Not allowed in this region', description: 'The caller does not serve the region the case is filed in.' },
  'case-closed': { status: 409, title: 'The case is closed', description: 'The case was refused, withdrawn or completed and takes no further steps; `caseStatus` says which.' },
  'case-already-accepted': { status: 409, title: 'An accepted case cannot be refused at the window', description: 'Refusal at the window applies only before acceptance.' },
  'case-already-decided': { status: 409, title: 'A decided case cannot be withdrawn', description: 'The departments have decided; the applicant can no longer withdraw.' },
  'case-not-accepted': { status: 409, title: 'The case has not been accepted', description: 'There is no acceptance receipt to print until the case is accepted.' },
  'no-supplement-required': { status: 409, title: 'The case is not waiting for a supplement', description: 'Supplementary materials are taken only while a supplement notice is open.' },

  // Intake: material files
  'material-file-not-found': { status: 404, title: 'No such material file', description: 'No file with this id is stored for the case.' },
  'file-missing': { status: 400, title: 'Send the file as multipart/form-data', description: 'The upload carries no file part.' },
  'invalid-multipart': { status: 400, title: 'The multipart request is not valid', description: 'Parts are missing, repeated or unnamed; the `case` part and file parts are described per operation.' },
  'too-many-files': { status: 413, title: 'Too many files in one request', description: 'More files than one request may carry; `maxFiles` says how many.' },
  'file-too-large': { status: 413, title: 'The file is too large', description: 'A file exceeds the per-file limit; `maxBytes` says how large it may be.' },
  'empty-file': { status: 422, title: 'The file is empty', description: 'A file part has no content.' },
  'unsupported-file-type': { status: 415, title: 'The file is not a PDF, JPEG or PNG', description: 'The file’s content (not its name) is not one of the accepted types.' },
  'file-storage-unavailable': { status: 503, title: 'The file storage is not available', description: 'Nothing was saved; retry later with the same Idempotency-Key.' },
  'material-file-corrupted': { status: 500, title: 'The stored file does not match its checksum', description: 'The stored copy is damaged; ask the applicant to upload the material again.' },

  // Routing
  'plan-not-found': { status: 404, title: 'No such plan', description: 'Routing has no plan for the case: it is not accepted or not routed yet.' },
  'routing-rules-not-found': { status: 404, title: 'No such routing rules', description: 'No routing rules were ever published for this matter.' },
  'unroutable-case-not-found': { status: 404, title: 'No such unroutable case', description: 'The case never waited in the unroutable queue.' },
  'invalid-routing-rules': { status: 422, title: 'The routing rules are not valid', description: 'Unknown departments or regions, gaps between stages, or overlapping rules; `problems` lists them.' },
  'still-unroutable': { status: 409, title: 'No rule routes the case yet', description: 'A retry found no matching rule; publish rules for the matter and region first.' },
  'case-not-waiting': { status: 409, title: 'The case no longer waits for routing', description: 'The case left the unroutable queue without a plan (it was withdrawn).' },

  // Document issuance
  'document-not-found': { status: 404, title: 'No such document', description: 'No issued document has this id.' },
  'electronic-copy-not-found': { status: 404, title: 'No electronic copy at this link', description: 'The link names no electronic copy.' },
  'verification-code-unknown': { status: 404, title: 'No document has this verification code', description: 'The code printed on the document is mistyped or the document is not genuine.' },
  'already-handed-over': { status: 409, title: 'The document was already handed over', description: 'A document is handed over once; see its handover record.' },
  'already-revoked': { status: 409, title: 'The document was already revoked', description: 'A document is revoked once.' },
  'document-revoked': { status: 409, title: 'The document was revoked', description: 'A revoked document is not handed over: the case needs a new result first.' },
  'electronic-copy-revoked': { status: 410, title: 'The electronic copy is gone: the document was revoked', description: 'The link of an electronic handover no longer serves the PDF once the document is revoked; `detail` gives the reason.' },
  'collector-identity-mismatch': { status: 422, title: 'The collector is not the holder', description: 'The ID number shown is not the holder’s; an agent collects with role AGENT and an authorisation.' },
  'agent-authorisation-required': { status: 422, title: 'An agent needs a written authorisation', description: 'An agent collecting for the holder gives the reference of the authorisation (授权委托书) in collector.authorisationRef.' },
  'signing-key-not-found': { status: 404, title: 'The department has no signing key', description: 'Rotation replaces an existing key; a department gets its first key with its first issued document.' },
  'rotation-conflict': { status: 409, title: 'Another rotation of this department’s key ran at the same time', description: 'Two rotations of the same key raced; read the published keys and rotate again only if still needed.' },

  // Notification
  'delivery-not-found': { status: 404, title: 'No such delivery', description: 'No notification delivery has this id.' },
  'delivery-not-failed': { status: 409, title: 'Only a failed delivery can be replayed', description: 'The delivery is pending or was delivered; replay is for failed ones.' },
  'template-version-not-found': { status: 404, title: 'No such template version', description: 'No template exists for this event type, channel, locale and version.' },
  'template-syntax-error': { status: 422, title: 'The template does not parse', description: 'The subject or body does not parse; `errors` names the part and the error.' },
  'template-unknown-variables': { status: 422, title: 'The template uses variables this event type does not have', description: 'The template names variables the event does not carry; `unknownVariables` lists them.' },
  'template-unsupported': { status: 422, title: 'The template uses helpers or partials that are not allowed', description: 'The template calls helpers or partials outside the allowed set; `unsupported` lists them.' },
  'webhook-subscription-not-found': { status: 404, title: 'No such webhook subscription', description: 'No (active) webhook subscription has this id.' },
  'webhook-subscription-exists': { status: 409, title: 'This URL already has a subscription', description: 'One subscription per target URL; to change its event types, delete it and subscribe again.' },
  'webhook-target-refused': { status: 422, title: 'The webhook URL may not be called', description: 'The URL points to an address webhooks may not call (for example a private or loopback one); `problems` says why.' },
  'unknown-event-types': { status: 422, title: 'Some event types do not exist', description: 'The subscription names event types not in the event catalogue; `unknownEventTypes` lists them.' },
  'event-types-not-notified': { status: 422, title: 'Some event types are not sent to subscribers', description: 'Only milestone events go to subscribers; `notNotified` lists the others, `subscribable` the milestones.' },
  'sms-not-configured': { status: 404, title: 'This service sends no SMS', description: 'No SMS gateway is configured, so there are no receipts to record.' },
  'sms-message-not-found': { status: 404, title: 'No SMS with this message id', description: 'The gateway’s receipt names a message this service never sent.' },
  'invalid-receipt-signature': { status: 401, title: 'The receipt is not signed by the SMS gateway, or too old', description: 'The receipt’s signature or timestamp does not verify against the gateway’s secret.' },

  // Supervision
  'evaluation-token-invalid': { status: 403, title: 'The evaluation link is not valid for this case', description: 'The token in the rating link is forged or for another case; use the link sent when the result was handed over.' },
  'case-not-delivered': { status: 409, title: 'Only a delivered case can be rated', description: 'Ratings open once the result has been delivered to the applicant.' },
  'evaluation-exists': { status: 409, title: 'This case has been rated already', description: 'A case is rated once.' },
  'rectification-not-found': { status: 404, title: 'No such rectification', description: 'No rectification order has this id.' },
  'rectification-state-conflict': { status: 409, title: 'The rectification is not in a state that allows this step', description: 'The step does not follow from the current status; `currentStatus` says where it stands.' },
} as const satisfies Record<string, ProblemCatalogueEntry>;

export type ProblemSlug = keyof typeof PROBLEM_CATALOGUE;

/** The catalogue entry of a slug, or undefined for one the catalogue does not list. */
export function problemCatalogueEntry(slug: string): ProblemCatalogueEntry | undefined {
  return (PROBLEM_CATALOGUE as Record<string, ProblemCatalogueEntry>)[slug];
}
