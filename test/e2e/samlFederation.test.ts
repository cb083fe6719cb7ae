import assert from "node:assert/strict";
import { randomUUID, webcrypto } from "node:crypto";
import { describe, it } from "node:test";
import { inflateRawSync } from "node:zlib";
import {
  AdminGetUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import * as x509 from "@peculiar/x509";
import { decodeJwt } from "jose";
import { SignedXml } from "xml-crypto";
import { useCognate } from "../helpers/cognate.js";
import { FormAgent, getWithHost } from "../helpers/formAgent.js";
import { APP_CALLBACK, poolDomain, webClient } from "../helpers/oauth.js";

// SAML 2.0 federation as the Cognito developer guide describes it (cognito-user-pools-saml-idp,
// cognito-user-pools-SAML-session-initiation): the authorization endpoint sends an AuthnRequest
// with the HTTP-Redirect binding to the provider's SingleSignOnService (from its metadata), with
// Issuer urn:amazon:cognito:sp:<userPoolId> and AssertionConsumerServiceURL
// https://<domain>/saml2/idpresponse; the provider posts its Response there with the RelayState.
// The response, or its assertion, must be signed by the provider's metadata certificate, name
// the pool as Audience, and be in its validity window. The user is `<ProviderName>_<NameID>`, with
// attributes mapped by AttributeMapping (pool attribute ← SAML attribute name) and an
// `identities` entry of providerType SAML. A response that fails goes back to the app as
// error=invalid_request.
//
// The provider here is the test itself: it reads the AuthnRequest and answers with a Response it
// signs with xml-crypto (rsa-sha256, exclusive canonicalisation) using its own certificate.

const t = useCognate();
const APP = APP_CALLBACK;
const EMAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
const IDP_ENTITY = "https://idp.example/saml";
const SSO_URL = "https://idp.example/sso";

interface TestIdp {
  metadata: string;
  privateKeyPem: string;
}

async function testIdp(): Promise<TestIdp> {
  x509.cryptoProvider.set(webcrypto as never);
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=idp.example",
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys,
    signingAlgorithm: algorithm,
  });
  const der = Buffer.from(cert.rawData).toString("base64");
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
  const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${IDP_ENTITY}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${der}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${SSO_URL}/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${SSO_URL}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  return { metadata, privateKeyPem };
}

interface AuthnRequest {
  id: string;
  issuer: string;
  acsUrl: string;
  relayState: string;
}

/** What the provider receives at its SingleSignOnService: the deflated AuthnRequest and the RelayState. */
function readAuthnRequest(redirect: string): AuthnRequest {
  const url = new URL(redirect);
  assert.equal(`${url.origin}${url.pathname}`, SSO_URL);
  const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
  return {
    id: /\bID="([^"]+)"/.exec(xml)![1]!,
    issuer: /<saml:Issuer[^>]*>([^<]+)<\/saml:Issuer>/.exec(xml)![1]!,
    acsUrl: /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)![1]!,
    relayState: url.searchParams.get("RelayState")!,
  };
}

/** A Response to the request with a signed assertion, as an IdP posts it (base64). */
function signedResponse(
  idp: TestIdp,
  request: AuthnRequest,
  options: {
    nameId: string;
    attributes: Record<string, string>;
    audience?: string;
    issuer?: string;
    recipient?: string;
    tamper?: (xml: string) => string;
  },
): string {
  const now = new Date();
  const later = new Date(now.getTime() + 5 * 60_000).toISOString();
  const instant = now.toISOString();
  const attributes = Object.entries(options.attributes)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${name}"><saml:AttributeValue>${value}</saml:AttributeValue></saml:Attribute>`,
    )
    .join("");
  const assertion = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" IssueInstant="${instant}" Version="2.0"><saml:Issuer>${options.issuer ?? IDP_ENTITY}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${options.nameId}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${request.id}" NotOnOrAfter="${later}" Recipient="${options.recipient ?? request.acsUrl}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${instant}" NotOnOrAfter="${later}"><saml:AudienceRestriction><saml:Audience>${options.audience ?? request.issuer}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
  const signer = new SignedXml({
    privateKey: idp.privateKeyPem,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  signer.computeSignature(assertion, {
    prefix: "ds",
    location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" },
  });
  let xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" InResponseTo="${request.id}" IssueInstant="${instant}" Destination="${request.acsUrl}" Version="2.0"><saml:Issuer>${IDP_ENTITY}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${signer.getSignedXml()}</samlp:Response>`;
  if (options.tamper) xml = options.tamper(xml);
  return Buffer.from(xml).toString("base64");
}

async function setup() {
  const idp = await testIdp();
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "saml" }));
  const poolId = UserPool!.Id!;
  await t.client.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: "Corp",
      ProviderType: "SAML",
      ProviderDetails: { MetadataFile: idp.metadata },
      AttributeMapping: { email: EMAIL_ATTRIBUTE, given_name: "firstName" },
      IdpIdentifiers: ["corp.example"],
    }),
  );
  const { clientId } = await webClient(t.client, poolId, { SupportedIdentityProviders: ["Corp", "COGNITO"] });
  const domain = await poolDomain(t.client, poolId, "saml");
  return { idp, poolId, clientId, domain };
}

function authorizeUrl(clientId: string, extra: Record<string, string>, base = "") {
  const q = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: APP,
    state: "st",
    ...extra,
  });
  return `${t.url}${base}/oauth2/authorize?${q}`;
}

async function exchange(clientId: string, code: string) {
  const res = await fetch(`${t.url}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: APP, client_id: clientId }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { id_token: string; access_token: string };
}

describe("SAML federation", () => {
  it("sends an AuthnRequest to the provider and signs the asserted user in as <Provider>_<NameID>", async () => {
    const { idp, poolId, clientId, domain } = await setup();
    const agent = new FormAgent(t.url);
    const away = await agent.open(authorizeUrl(clientId, { identity_provider: "Corp" }, `/${domain}`));
    assert.equal(away.redirectedAway, true);
    const request = readAuthnRequest(away.url);
    assert.equal(request.issuer, `urn:amazon:cognito:sp:${poolId}`);
    assert.equal(request.acsUrl, `${t.url}/${domain}/saml2/idpresponse`);

    const back = await agent.post(request.acsUrl, {
      SAMLResponse: signedResponse(idp, request, {
        nameId: "jdoe",
        attributes: { [EMAIL_ATTRIBUTE]: "jdoe@corp.example", firstName: "Jane" },
      }),
      RelayState: request.relayState,
    });
    assert.equal(back.redirectedAway, true, back.html);
    const callback = new URL(back.url);
    assert.equal(`${callback.origin}${callback.pathname}`, APP);
    assert.equal(callback.searchParams.get("state"), "st");
    assert.equal(callback.searchParams.get("error"), null, callback.href);
    const tokens = await exchange(clientId, callback.searchParams.get("code")!);
    const id = decodeJwt(tokens.id_token);
    assert.equal(id["cognito:username"], "Corp_jdoe");
    assert.equal(id.email, "jdoe@corp.example");
    assert.equal(id.given_name, "Jane");
    const identities = id.identities as { providerName: string; providerType: string; userId: string }[];
    assert.equal(identities[0]!.providerName, "Corp");
    assert.equal(identities[0]!.providerType, "SAML");
    assert.equal(identities[0]!.userId, "jdoe");
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Corp_jdoe" }));
    assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");

    // A domain addressed by its Host name is answered on that name (the ACS URL, the session cookie).
    const port = new URL(t.url).port;
    const hosted = await getWithHost(
      authorizeUrl(clientId, { identity_provider: "Corp" }),
      `${domain}.auth.us-east-1.localhost:${port}`,
    );
    assert.equal(
      readAuthnRequest(hosted.location).acsUrl,
      `http://${domain}.auth.us-east-1.localhost:${port}/saml2/idpresponse`,
    );

    // idp_identifier names the provider too.
    const byIdentifier = await new FormAgent(t.url).open(authorizeUrl(clientId, { idp_identifier: "corp.example" }));
    assert.equal(new URL(byIdentifier.url).origin, "https://idp.example");
  });

  it("refuses a tampered, misaddressed or replayed response", async () => {
    const { idp, clientId } = await setup();
    const attempt = async (options: {
      tamper?: (xml: string) => string;
      audience?: string;
      issuer?: string;
      recipient?: string;
    }) => {
      const agent = new FormAgent(t.url);
      const request = readAuthnRequest((await agent.open(authorizeUrl(clientId, { identity_provider: "Corp" }))).url);
      const SAMLResponse = signedResponse(idp, request, { nameId: "mallory", attributes: {}, ...options });
      const back = await agent.post(request.acsUrl, { SAMLResponse, RelayState: request.relayState });
      return {
        back,
        replay: () => agent.post(request.acsUrl, { SAMLResponse, RelayState: request.relayState }),
        // The same response under the RelayState of a sign-in started afresh.
        replayElsewhere: async () => {
          const other = new FormAgent(t.url);
          const fresh = readAuthnRequest((await other.open(authorizeUrl(clientId, { identity_provider: "Corp" }))).url);
          return other.post(fresh.acsUrl, { SAMLResponse, RelayState: fresh.relayState });
        },
      };
    };
    const errorOf = (page: { url: string }) => new URL(page.url).searchParams.get("error");

    const tampered = await attempt({ tamper: (xml) => xml.replace(">mallory<", ">admin<") });
    assert.equal(errorOf(tampered.back), "invalid_request");
    assert.equal(new URL(tampered.back.url).searchParams.get("error_description"), "Invalid SAML response.");

    const unsigned = await attempt({ tamper: (xml) => xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "") });
    assert.equal(errorOf(unsigned.back), "invalid_request");

    const misaddressed = await attempt({ audience: "urn:amazon:cognito:sp:us-east-1_other" });
    assert.equal(errorOf(misaddressed.back), "invalid_request");

    // Another entity's assertion (even signed with this provider's key), or one for another ACS.
    assert.equal(errorOf((await attempt({ issuer: "https://other-idp.example" })).back), "invalid_request");
    assert.equal(
      errorOf((await attempt({ recipient: "https://elsewhere.example/saml2/idpresponse" })).back),
      "invalid_request",
    );

    const good = await attempt({});
    assert.ok(new URL(good.back.url).searchParams.get("code"));
    // The RelayState (and the request it answered) is spent: a replay is no sign-in.
    const replayed = await good.replay();
    assert.equal(new URL(replayed.url).pathname, "/error");
    // Nor does it answer another sign-in's request.
    assert.equal(errorOf(await good.replayElsewhere()), "invalid_request");

    // A valid answer to someone's sign-in, posted by another browser (login CSRF), signs nobody in.
    const victim = new FormAgent(t.url);
    const theirs = readAuthnRequest(
      (await new FormAgent(t.url).open(authorizeUrl(clientId, { identity_provider: "Corp" }))).url,
    );
    const delivered = await victim.post(theirs.acsUrl, {
      SAMLResponse: signedResponse(idp, theirs, { nameId: "mallory", attributes: {} }),
      RelayState: theirs.relayState,
    });
    assert.equal(new URL(delivered.url).pathname, "/error");
  });

  it("answers the app when the provider's metadata is unusable", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "saml-bad" }));
    await t.client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: UserPool!.Id!,
        ProviderName: "Broken",
        ProviderType: "SAML",
        ProviderDetails: { MetadataFile: "<EntityDescriptor/>" },
      }),
    );
    const { clientId } = await webClient(t.client, UserPool!.Id!, {
      AllowedOAuthScopes: ["openid"],
      SupportedIdentityProviders: ["Broken"],
    });
    const res = await new FormAgent(t.url).open(authorizeUrl(clientId, { identity_provider: "Broken" }));
    const answer = new URL(res.url);
    assert.equal(`${answer.origin}${answer.pathname}`, APP);
    assert.equal(answer.searchParams.get("error"), "invalid_request");
  });
});
