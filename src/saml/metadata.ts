import { DOMParser } from "@xmldom/xmldom";
import { FederationError } from "../federation/errors.js";

/** What Cognate needs of a SAML identity provider's metadata (SAML 2.0 Metadata §2.4.3). */
export interface IdpMetadata {
  entityId: string;
  /** SingleSignOnService with the HTTP-Redirect binding, where AuthnRequests go. */
  ssoRedirectUrl: string;
  /** The provider's signing certificates (base64 DER), any of which may sign its responses. */
  signingCertificates: string[];
}

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

/** Reads a provider's metadata document; anything unusable is the app's invalid_request, as on Cognito. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const invalid = (why: string) => new FederationError("invalid_request", `Invalid SAML metadata: ${why}.`);
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(xml, "text/xml");
  if (errors.length || !doc?.documentElement) throw invalid("not well-formed XML");
  const entity =
    doc.documentElement.localName === "EntityDescriptor"
      ? doc.documentElement
      : doc.getElementsByTagNameNS(MD, "EntityDescriptor")[0];
  const idp = entity?.getElementsByTagNameNS(MD, "IDPSSODescriptor")[0];
  if (!entity || !idp) throw invalid("no IDPSSODescriptor");
  const sso = [...asArray(idp.getElementsByTagNameNS(MD, "SingleSignOnService"))].find(
    (e) => e.getAttribute("Binding") === REDIRECT_BINDING,
  );
  const ssoRedirectUrl = sso?.getAttribute("Location");
  if (!ssoRedirectUrl) throw invalid("no SingleSignOnService with the HTTP-Redirect binding");
  const signingCertificates = asArray(idp.getElementsByTagNameNS(MD, "KeyDescriptor"))
    .filter((k) => !k.getAttribute("use") || k.getAttribute("use") === "signing")
    .flatMap((k) => asArray(k.getElementsByTagNameNS(DS, "X509Certificate")))
    .map((c) => (c.textContent ?? "").replace(/\s+/g, ""))
    .filter(Boolean);
  if (!signingCertificates.length) throw invalid("no signing certificate");
  return { entityId: entity.getAttribute("entityID") ?? "", ssoRedirectUrl, signingCertificates };
}

function asArray(list: { length: number; item(i: number): Element | null }): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}
