import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { before, describe, it } from "node:test";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  GetSigningCertificateCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";

/**
 * GetSigningCertificate, as Cognito documents it (API reference and "SAML signing and
 * encryption" in the developer guide): the x.509 certificate that signs the pool's SAML 2.0
 * requests; valid for 10 years from issue; a new certificate issued annually, returned from
 * then on, without invalidating the old one; the public key does not change between
 * certificates. Decided where the documentation is silent: the answer is the DER in base64
 * with no PEM armour and no line breaks (the form of SAML metadata's <ds:X509Certificate>),
 * self-signed, subject and issuer CN=<user pool id>, RSA 2048 signed with SHA-256.
 */

const YEAR = 365 * 24 * 3600_000;

describe("GetSigningCertificate", () => {
  const t = useCognate();
  let poolId: string;

  const newPool = async () => (await t.client.send(new CreateUserPoolCommand({ PoolName: "saml-pool" }))).UserPool!.Id!;
  const certificateOf = async (userPoolId: string) =>
    (await t.client.send(new GetSigningCertificateCommand({ UserPoolId: userPoolId }))).Certificate!;
  const parse = (certificate: string) => new X509Certificate(Buffer.from(certificate, "base64"));

  before(async () => {
    poolId = await newPool();
  });

  it("answers an X.509 certificate as base64 DER, without PEM armour", async () => {
    const certificate = await certificateOf(poolId);
    assert.match(certificate, /^MII[A-Za-z0-9+/]+={0,2}$/);
    assert.doesNotMatch(certificate, /BEGIN CERTIFICATE|\n/);
    const cert = parse(certificate);
    assert.equal(Buffer.from(certificate, "base64").equals(cert.raw), true);
  });

  it("is self-signed for CN=<user pool id> with an RSA 2048 key", async () => {
    const cert = parse(await certificateOf(poolId));
    assert.equal(cert.subject, `CN=${poolId}`);
    assert.equal(cert.issuer, `CN=${poolId}`);
    assert.equal(cert.verify(cert.publicKey), true);
    assert.equal(cert.publicKey.asymmetricKeyType, "rsa");
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  });

  it("is valid from issue for 10 years", async () => {
    const pool = await newPool();
    const before = Date.now();
    const cert = parse(await certificateOf(pool));
    const after = Date.now();
    const from = new Date(cert.validFrom).getTime();
    const to = new Date(cert.validTo).getTime();
    // X.509 times have second precision.
    assert.ok(from >= before - 1000 && from <= after, `validFrom ${cert.validFrom}`);
    const tenYears = new Date(from);
    tenYears.setUTCFullYear(tenYears.getUTCFullYear() + 10);
    assert.equal(to, tenYears.getTime());
  });

  it("answers the same certificate on every call", async () => {
    const first = await certificateOf(poolId);
    assert.equal(await certificateOf(poolId), first);
    assert.equal(await certificateOf(poolId), first);
  });

  it("gives concurrent first calls one certificate", async () => {
    const pool = await newPool();
    const answers = await Promise.all([1, 2, 3, 4].map(() => certificateOf(pool)));
    assert.equal(new Set(answers).size, 1);
    assert.equal(await certificateOf(pool), answers[0]);
  });

  it("gives each pool its own certificate and key", async () => {
    const a = parse(await certificateOf(poolId));
    const b = parse(await certificateOf(await newPool()));
    assert.notEqual(a.fingerprint256, b.fingerprint256);
    assert.notEqual(a.serialNumber, b.serialNumber);
    assert.equal(
      a.publicKey.export({ format: "der", type: "spki" }).equals(b.publicKey.export({ format: "der", type: "spki" })),
      false,
    );
  });

  it("issues a new certificate a year later, over the same public key", async (ctx) => {
    const pool = await newPool();
    const first = await certificateOf(pool);
    const issued = new Date(parse(first).validFrom).getTime();
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    ctx.mock.timers.tick(YEAR - 24 * 3600_000);
    assert.equal(await certificateOf(pool), first, "still the first certificate before a year has passed");
    ctx.mock.timers.tick(2 * 24 * 3600_000);
    const renewed = await certificateOf(pool);
    assert.notEqual(renewed, first);
    const [oldCert, newCert] = [parse(first), parse(renewed)];
    assert.ok(new Date(newCert.validFrom).getTime() >= issued + YEAR - 1000);
    assert.equal(newCert.subject, `CN=${pool}`);
    assert.notEqual(newCert.serialNumber, oldCert.serialNumber);
    assert.equal(
      newCert.publicKey
        .export({ format: "der", type: "spki" })
        .equals(oldCert.publicKey.export({ format: "der", type: "spki" })),
      true,
    );
    assert.equal(newCert.verify(oldCert.publicKey), true);
    assert.equal(await certificateOf(pool), renewed, "the renewed certificate stays until the next renewal");
  });

  it("answers ResourceNotFoundException for an unknown pool", async () => {
    const err = await errorOf(() => certificateOf("us-east-1_doesNotExist"));
    assert.equal(err.name, "ResourceNotFoundException");
    assert.equal(err.message, "User pool us-east-1_doesNotExist does not exist.");
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it("answers ResourceNotFoundException once the pool is deleted", async () => {
    const pool = await newPool();
    await certificateOf(pool);
    await t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    const err = await errorOf(() => certificateOf(pool));
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("answers InvalidParameterException for a malformed pool id", async () => {
    const err = await errorOf(() => certificateOf("not a pool id"));
    assert.equal(err.name, "InvalidParameterException");
  });
});
