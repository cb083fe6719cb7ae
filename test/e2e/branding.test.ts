import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CreateManagedLoginBrandingCommand,
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DeleteTermsCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  DescribeTermsByClientCommand,
  DescribeTermsCommand,
  GetUICustomizationCommand,
  ListTermsCommand,
  SetUICustomizationCommand,
  UpdateManagedLoginBrandingCommand,
  UpdateTermsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, rawCall, useCognate, type TestCognate } from "../helpers/cognate.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_POOL = "us-east-1_nothere00";
const MISSING_CLIENT = "nothere0000000000000000000";
/** The 8-byte PNG signature plus a little padding: enough for the format check. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

async function newPool(t: TestCognate): Promise<string> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "branding" }));
  return UserPool!.Id!;
}

let domainCount = 0;
/** A pool with a prefix domain: the classic hosted UI, and so its customization, needs one. */
async function newPoolWithDomain(t: TestCognate): Promise<string> {
  const poolId = await newPool(t);
  const Domain = `branding-test-${process.pid}-${++domainCount}`;
  await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain }));
  return poolId;
}

async function newClient(t: TestCognate, poolId: string, name = "web"): Promise<string> {
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name }),
  );
  return UserPoolClient!.ClientId!;
}

describe("UI customization (classic hosted UI)", () => {
  const t = useCognate();
  const css = ".submitButton-customizable { background-color: #333; }\n.logo-customizable:not(x) {}";
  const validCss =
    ".submitButton-customizable { background-color: #333; }\n.banner-customizable, .label-customizable { color: red }";

  it("sets the pool-wide (ALL) customization when ClientId is omitted", async () => {
    const poolId = await newPoolWithDomain(t);
    const { UICustomization } = await t.client.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, CSS: validCss }),
    );
    assert.equal(UICustomization?.UserPoolId, poolId);
    assert.equal(UICustomization?.ClientId, "ALL");
    assert.equal(UICustomization?.CSS, validCss);
    assert.match(UICustomization!.CSSVersion!, /^\d{14}$/);
    assert.ok(UICustomization?.CreationDate instanceof Date);
    assert.ok(UICustomization?.LastModifiedDate instanceof Date);
    // Cognate stores the logo but does not serve it, so no ImageUrl.
    assert.equal(UICustomization?.ImageUrl, undefined);

    const got = await t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId }));
    assert.deepEqual(got.UICustomization, UICustomization);
  });

  it("answers an empty object when nothing is customized", async () => {
    const poolId = await newPoolWithDomain(t);
    const { UICustomization } = await t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId }));
    assert.deepEqual(UICustomization, {});
  });

  it("falls back to the pool's customization for a client without its own", async () => {
    const poolId = await newPoolWithDomain(t);
    const clientId = await newClient(t, poolId);
    await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: "ALL", CSS: validCss }));
    const fallback = await t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(fallback.UICustomization?.ClientId, "ALL");
    assert.equal(fallback.UICustomization?.CSS, validCss);

    const own = ".background-customizable { background-color: #fff; }";
    await t.client.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: own, ImageFile: PNG }),
    );
    const got = await t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(got.UICustomization?.ClientId, clientId);
    assert.equal(got.UICustomization?.CSS, own);
  });

  it("answers an empty object for a client when neither it nor the pool is customized", async () => {
    const poolId = await newPoolWithDomain(t);
    const clientId = await newClient(t, poolId);
    const { UICustomization } = await t.client.send(
      new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    assert.deepEqual(UICustomization, {});
  });

  it("replaces the customization on each set, keeping its creation date", async () => {
    const poolId = await newPoolWithDomain(t);
    const first = await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: validCss }));
    const second = await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: PNG }));
    assert.equal(second.UICustomization?.CSS, undefined);
    assert.match(second.UICustomization!.CSSVersion!, /^\d{14}$/);
    assert.deepEqual(second.UICustomization?.CreationDate, first.UICustomization?.CreationDate);
  });

  it("removes the customization when given neither CSS nor image", async () => {
    const poolId = await newPoolWithDomain(t);
    const clientId = await newClient(t, poolId);
    await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: validCss }));
    await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, ImageFile: PNG }));

    const removed = await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.deepEqual(removed.UICustomization, { UserPoolId: poolId, ClientId: clientId });
    const fallback = await t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(fallback.UICustomization?.ClientId, "ALL");

    await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId }));
    const none = await t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.deepEqual(none.UICustomization, {});
  });

  it("requires the pool to have a domain", async () => {
    const poolId = await newPool(t);
    for (const call of [
      () => t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: validCss })),
      () => t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId })),
    ]) {
      const err = await errorOf(call);
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "There has to be an existing domain associated with this user pool");
    }
  });

  it("refuses CSS classes outside the customizable set", async () => {
    const poolId = await newPoolWithDomain(t);
    const err = await errorOf(() => t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: css })));
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /\.logo-customizable:not\(x\)/);
    const body = await errorOf(() =>
      t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: "body { color: red }" })),
    );
    assert.equal(body.name, "InvalidParameterException");
    const broken = await errorOf(() =>
      t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: ".banner-customizable { color: red" })),
    );
    assert.equal(broken.name, "InvalidParameterException");
  });

  it("accepts every class of Cognito's CSS template", async () => {
    const poolId = await newPoolWithDomain(t);
    const classes = [
      ".logo-customizable",
      ".banner-customizable",
      ".label-customizable",
      ".textDescription-customizable",
      ".idpDescription-customizable",
      ".legalText-customizable",
      ".submitButton-customizable",
      ".submitButton-customizable:hover",
      ".errorMessage-customizable",
      ".inputField-customizable",
      ".inputField-customizable:focus",
      ".idpButton-customizable",
      ".idpButton-customizable:hover",
      ".socialButton-customizable",
      ".redirect-customizable",
      ".passwordCheck-notValid-customizable",
      ".passwordCheck-valid-customizable",
      ".background-customizable",
    ];
    const template = classes.map((c) => `${c} {\n\tcolor: #333;\n}\n`).join("");
    const { UICustomization } = await t.client.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, CSS: template }),
    );
    assert.equal(UICustomization?.CSS, template);
  });

  it("accepts comments and empty CSS", async () => {
    const poolId = await newPoolWithDomain(t);
    const withComment = "/* brand */ .banner-customizable { color: red }";
    const set = await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: withComment }));
    assert.equal(set.UICustomization?.CSS, withComment);
    const empty = await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: "" }));
    assert.equal(empty.UICustomization?.CSS, "");
  });

  it("accepts PNG and JPEG logos up to 100 KB only", async () => {
    const poolId = await newPoolWithDomain(t);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
    await t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: jpeg }));
    const gif = await errorOf(() =>
      t.client.send(
        new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: new TextEncoder().encode("GIF89a....") }),
      ),
    );
    assert.equal(gif.name, "InvalidParameterException");
    const big = new Uint8Array(100 * 1024 + 1);
    big.set(PNG);
    const tooBig = await errorOf(() =>
      t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: big })),
    );
    assert.equal(tooBig.name, "InvalidParameterException");
  });

  it("answers ResourceNotFoundException for an unknown pool or client", async () => {
    const poolId = await newPoolWithDomain(t);
    const pool = await errorOf(() =>
      t.client.send(new SetUICustomizationCommand({ UserPoolId: MISSING_POOL, CSS: "" })),
    );
    assert.equal(pool.name, "ResourceNotFoundException");
    assert.equal(pool.message, `User pool ${MISSING_POOL} does not exist.`);
    const getPool = await errorOf(() => t.client.send(new GetUICustomizationCommand({ UserPoolId: MISSING_POOL })));
    assert.equal(getPool.name, "ResourceNotFoundException");
    const client = await errorOf(() =>
      t.client.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT, CSS: "" })),
    );
    assert.equal(client.name, "ResourceNotFoundException");
    assert.equal(client.message, `User pool client ${MISSING_CLIENT} does not exist.`);
    const getClient = await errorOf(() =>
      t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT })),
    );
    assert.equal(getClient.name, "ResourceNotFoundException");
  });
});

describe("managed login branding", () => {
  const t = useCognate();
  const settings = { components: { pageBackground: { lightMode: { color: "ffffffff" } } } };
  const logo = {
    Category: "PAGE_HEADER_LOGO" as const,
    ColorMode: "LIGHT" as const,
    Extension: "PNG" as const,
    Bytes: PNG,
  };

  it("creates a style with Cognito's values by default", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const { ManagedLoginBranding: style } = await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    assert.match(style!.ManagedLoginBrandingId!, UUID);
    assert.equal(style?.UserPoolId, poolId);
    assert.equal(style?.UseCognitoProvidedValues, true);
    assert.equal(style?.Settings, undefined);
    assert.deepEqual(style?.Assets, []);
    assert.ok(style?.CreationDate instanceof Date);
    assert.ok(style?.LastModifiedDate instanceof Date);
  });

  it("creates a style with settings and assets, and describes it by id and by client", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const { ManagedLoginBranding: style } = await t.client.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: settings,
        Assets: [logo],
      }),
    );
    assert.equal(style?.UseCognitoProvidedValues, false);
    assert.deepEqual(style?.Settings, settings);
    assert.equal(style?.Assets?.length, 1);
    assert.equal(style?.Assets?.[0]?.Category, "PAGE_HEADER_LOGO");
    assert.deepEqual(Buffer.from(style!.Assets![0]!.Bytes!), Buffer.from(PNG));

    const byId = await t.client.send(
      new DescribeManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: style!.ManagedLoginBrandingId,
      }),
    );
    assert.deepEqual(byId.ManagedLoginBranding, style);
    const merged = await t.client.send(
      new DescribeManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: style!.ManagedLoginBrandingId,
        ReturnMergedResources: true,
      }),
    );
    assert.equal(merged.ManagedLoginBranding?.ManagedLoginBrandingId, style?.ManagedLoginBrandingId);
    assert.deepEqual(merged.ManagedLoginBranding?.Assets, style?.Assets);
    const byClient = await t.client.send(
      new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    assert.deepEqual(byClient.ManagedLoginBranding, style);
  });

  it("refuses UseCognitoProvidedValues together with Settings, but not with Assets", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const err = await errorOf(() =>
      t.client.send(
        new CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          UseCognitoProvidedValues: true,
          Settings: settings,
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Settings must be omitted when UseCognitoProvidedValues is true.");
    // Terraform's acceptance tests create exactly this against Cognito.
    const { ManagedLoginBranding } = await t.client.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        UseCognitoProvidedValues: true,
        Assets: [logo],
      }),
    );
    assert.equal(ManagedLoginBranding?.UseCognitoProvidedValues, true);
    assert.equal(ManagedLoginBranding?.Assets?.length, 1);
    assert.equal(ManagedLoginBranding?.Settings, undefined);
  });

  it("fills in Cognito's default settings when asked for merged resources", async () => {
    const poolId = await newPool(t);
    const plain = await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: await newClient(t, poolId, "plain") }),
    );
    const plainId = plain.ManagedLoginBranding!.ManagedLoginBrandingId!;
    const unmerged = await t.client.send(
      new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: plainId }),
    );
    assert.equal(unmerged.ManagedLoginBranding?.Settings, undefined);
    const merged = await t.client.send(
      new DescribeManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: plainId,
        ReturnMergedResources: true,
      }),
    );
    const defaults = merged.ManagedLoginBranding?.Settings as Record<string, Record<string, Record<string, unknown>>>;
    assert.equal(defaults.categories!.global!.colorSchemeMode, "LIGHT");

    const ownClient = await newClient(t, poolId, "own");
    const own = { categories: { global: { colorSchemeMode: "DARK" } } };
    await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: ownClient, Settings: own }),
    );
    const byClient = await t.client.send(
      new DescribeManagedLoginBrandingByClientCommand({
        UserPoolId: poolId,
        ClientId: ownClient,
        ReturnMergedResources: true,
      }),
    );
    const mergedOwn = byClient.ManagedLoginBranding?.Settings as typeof defaults;
    assert.equal(mergedOwn.categories!.global!.colorSchemeMode, "DARK");
    assert.equal(mergedOwn.categories!.global!.spacingDensity, "REGULAR");
    const raw = await t.client.send(
      new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: ownClient }),
    );
    assert.deepEqual(raw.ManagedLoginBranding?.Settings, own);
  });

  it("refuses duplicate assets and a favicon of the wrong type", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const dup = await errorOf(() =>
      t.client.send(
        new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Assets: [logo, logo] }),
      ),
    );
    assert.equal(dup.name, "InvalidParameterException");
    const favicon = {
      Category: "FAVICON_ICO" as const,
      ColorMode: "LIGHT" as const,
      Extension: "PNG" as const,
      Bytes: PNG,
    };
    const wrong = await errorOf(() =>
      t.client.send(
        new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Assets: [favicon] }),
      ),
    );
    assert.equal(wrong.name, "InvalidParameterException");
    const noBytes = await errorOf(() =>
      t.client.send(
        new CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          Assets: [{ Category: "PAGE_BACKGROUND", ColorMode: "DARK", Extension: "PNG" }],
        }),
      ),
    );
    assert.equal(noBytes.name, "InvalidParameterException");
  });

  it("checks that each asset's bytes are an image of its declared extension", async () => {
    const poolId = await newPool(t);
    const svg = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    const ico = new Uint8Array([0, 0, 1, 0, 1, 0]);
    const webp = new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    const { ManagedLoginBranding } = await t.client.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: await newClient(t, poolId),
        Assets: [
          { Category: "PAGE_BACKGROUND", ColorMode: "LIGHT", Extension: "SVG", Bytes: svg },
          { Category: "FAVICON_ICO", ColorMode: "LIGHT", Extension: "ICO", Bytes: ico },
          { Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "WEBP", Bytes: webp },
          { Category: "FORM_LOGO", ColorMode: "DARK", Extension: "JPEG", Bytes: jpeg },
        ],
      }),
    );
    assert.equal(ManagedLoginBranding?.Assets?.length, 4);

    const text = new TextEncoder().encode("not an image");
    const clientId = await newClient(t, poolId, "content");
    for (const Extension of ["PNG", "JPEG", "ICO", "SVG", "WEBP"] as const) {
      const err = await errorOf(() =>
        t.client.send(
          new CreateManagedLoginBrandingCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            Assets: [{ Category: "PAGE_BACKGROUND", ColorMode: "LIGHT", Extension, Bytes: text }],
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException", Extension);
      assert.equal(err.message, `Asset for category PAGE_BACKGROUND is not a valid ${Extension} image.`);
    }
  });

  it("is not available in the Lite feature plan", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "lite", UserPoolTier: "LITE" }));
    const clientId = await newClient(t, UserPool!.Id!);
    const err = await errorOf(() =>
      t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: UserPool!.Id!, ClientId: clientId })),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it("allows one style per app client", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    await t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }));
    const err = await errorOf(() =>
      t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId })),
    );
    assert.equal(err.name, "ManagedLoginBrandingExistsException");
    const other = await newClient(t, poolId, "other");
    await t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: other }));
  });

  it("updates settings and assets, then resets to Cognito's values", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const { ManagedLoginBranding: style } = await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    const id = style!.ManagedLoginBrandingId!;
    const dark = { ...logo, ColorMode: "DARK" as const };
    const updated = await t.client.send(
      new UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: id,
        Settings: settings,
        Assets: [logo],
      }),
    );
    assert.equal(updated.ManagedLoginBranding?.UseCognitoProvidedValues, false);
    assert.deepEqual(updated.ManagedLoginBranding?.Settings, settings);
    assert.deepEqual(updated.ManagedLoginBranding?.CreationDate, style?.CreationDate);

    // An asset replaces the one of its category and colour mode; the others stay.
    const more = await t.client.send(
      new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, Assets: [dark, logo] }),
    );
    assert.deepEqual(more.ManagedLoginBranding?.Assets?.map((a) => `${a.Category}/${a.ColorMode}`).sort(), [
      "PAGE_HEADER_LOGO/DARK",
      "PAGE_HEADER_LOGO/LIGHT",
    ]);
    assert.deepEqual(more.ManagedLoginBranding?.Settings, settings);

    const reset = await t.client.send(
      new UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: id,
        UseCognitoProvidedValues: true,
      }),
    );
    assert.equal(reset.ManagedLoginBranding?.UseCognitoProvidedValues, true);
    assert.equal(reset.ManagedLoginBranding?.Settings, undefined);
    assert.deepEqual(reset.ManagedLoginBranding?.Assets, []);

    // A reset may bring its own assets; they replace all others.
    const resetWithAsset = await t.client.send(
      new UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: id,
        UseCognitoProvidedValues: true,
        Assets: [dark],
      }),
    );
    assert.deepEqual(
      resetWithAsset.ManagedLoginBranding?.Assets?.map((a) => `${a.Category}/${a.ColorMode}`),
      ["PAGE_HEADER_LOGO/DARK"],
    );

    const both = await errorOf(() =>
      t.client.send(
        new UpdateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ManagedLoginBrandingId: id,
          UseCognitoProvidedValues: true,
          Settings: settings,
        }),
      ),
    );
    assert.equal(both.name, "InvalidParameterException");
  });

  it("keeps Cognito's settings when an update brings only assets", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const { ManagedLoginBranding: style } = await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    const { ManagedLoginBranding: updated } = await t.client.send(
      new UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: style!.ManagedLoginBrandingId,
        Assets: [logo],
      }),
    );
    assert.equal(updated?.UseCognitoProvidedValues, true);
    assert.equal(updated?.Assets?.length, 1);
    assert.equal(updated?.Settings, undefined);
    assert.ok(updated!.LastModifiedDate!.getTime() >= style!.LastModifiedDate!.getTime());
  });

  it("requires UserPoolId and ManagedLoginBrandingId to update", async () => {
    const poolId = await newPool(t);
    const noId = await errorOf(() => t.client.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId })));
    assert.equal(noId.name, "InvalidParameterException");
    const noPool = await errorOf(() =>
      t.client.send(
        new UpdateManagedLoginBrandingCommand({ ManagedLoginBrandingId: "1b7f5d4e-2c3a-4b5c-8d9e-0f1a2b3c4d5e" }),
      ),
    );
    assert.equal(noPool.name, "InvalidParameterException");
  });

  it("deletes a style, after which the client can get a new one", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const { ManagedLoginBranding: style } = await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    const id = style!.ManagedLoginBrandingId!;
    const out = await t.client.send(
      new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }),
    );
    assert.deepEqual(
      Object.keys(out).filter((k) => k !== "$metadata"),
      [],
    );
    const gone = await errorOf(() =>
      t.client.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id })),
    );
    assert.equal(gone.name, "ResourceNotFoundException");
    const again = await errorOf(() =>
      t.client.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id })),
    );
    assert.equal(again.name, "ResourceNotFoundException");
    const byClient = await errorOf(() =>
      t.client.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId })),
    );
    assert.equal(byClient.name, "ResourceNotFoundException");
    await t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }));
  });

  it("answers ResourceNotFoundException for unknown pools, clients and styles", async () => {
    const poolId = await newPool(t);
    const missingStyle = "1b7f5d4e-2c3a-4b5c-8d9e-0f1a2b3c4d5e";
    const cases: [string, () => Promise<unknown>][] = [
      [
        "create/pool",
        () =>
          t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: MISSING_POOL, ClientId: MISSING_CLIENT })),
      ],
      [
        "create/client",
        () => t.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT })),
      ],
      [
        "describe",
        () =>
          t.client.send(
            new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: missingStyle }),
          ),
      ],
      [
        "byClient",
        () =>
          t.client.send(
            new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT }),
          ),
      ],
      [
        "update",
        () =>
          t.client.send(
            new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: missingStyle }),
          ),
      ],
      [
        "delete/pool",
        () =>
          t.client.send(
            new DeleteManagedLoginBrandingCommand({ UserPoolId: MISSING_POOL, ManagedLoginBrandingId: missingStyle }),
          ),
      ],
    ];
    for (const [label, call] of cases) {
      const err = await errorOf(call);
      assert.equal(err.name, "ResourceNotFoundException", label);
    }
  });

  it("validates the style id and asset enums against the model", async () => {
    const poolId = await newPool(t);
    const err = await errorOf(() =>
      t.client.send(
        new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: "not-a-uuid" }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    const raw = await rawCall(
      t.url,
      "CreateManagedLoginBranding",
      JSON.stringify({
        UserPoolId: poolId,
        ClientId: "abc",
        Assets: [{ Category: "LOGO", ColorMode: "LIGHT", Extension: "PNG" }],
      }),
    );
    assert.equal(raw.status, 400);
    assert.equal(raw.body.__type, "InvalidParameterException");
  });
});

describe("terms documents", () => {
  const t = useCognate();
  const links = { "cognito:default": "https://example.com/terms", "cognito:spanish": "https://example.com/es/terms" };

  async function create(poolId: string, clientId: string, name: "terms-of-use" | "privacy-policy" = "terms-of-use") {
    const { Terms } = await t.client.send(
      new CreateTermsCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        TermsName: name,
        TermsSource: "LINK",
        Enforcement: "NONE",
        Links: links,
      }),
    );
    return Terms!;
  }

  it("creates and describes terms", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const terms = await create(poolId, clientId);
    assert.match(terms.TermsId!, UUID);
    assert.equal(terms.UserPoolId, poolId);
    assert.equal(terms.ClientId, clientId);
    assert.equal(terms.TermsName, "terms-of-use");
    assert.equal(terms.TermsSource, "LINK");
    assert.equal(terms.Enforcement, "NONE");
    assert.deepEqual(terms.Links, links);
    assert.ok(terms.CreationDate instanceof Date);
    assert.deepEqual(terms.LastModifiedDate, terms.CreationDate);
    const { Terms } = await t.client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId }));
    assert.deepEqual(Terms, terms);
  });

  it("describes terms by app client and name", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const terms = await create(poolId, clientId, "privacy-policy");
    const { Terms } = await t.client.send(
      new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: "privacy-policy" }),
    );
    assert.deepEqual(Terms, terms);
    const none = await errorOf(() =>
      t.client.send(
        new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: "terms-of-use" }),
      ),
    );
    assert.equal(none.name, "ResourceNotFoundException");
    const noClient = await errorOf(() =>
      t.client.send(
        new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT, TermsName: "privacy-policy" }),
      ),
    );
    assert.equal(noClient.name, "ResourceNotFoundException");
  });

  it("answers an empty Links map when none were given", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const { Terms } = await t.client.send(
      new CreateTermsCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        TermsName: "privacy-policy",
        TermsSource: "LINK",
        Enforcement: "NONE",
      }),
    );
    assert.deepEqual(Terms?.Links, {});
  });

  it("keeps names unique per app client", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    await create(poolId, clientId);
    const err = await errorOf(() => create(poolId, clientId));
    assert.equal(err.name, "TermsExistsException");
    // The same name for another client and another name for this client are fine.
    await create(poolId, await newClient(t, poolId, "other"));
    const privacy = await create(poolId, clientId, "privacy-policy");
    const rename = await errorOf(() =>
      t.client.send(
        new UpdateTermsCommand({ UserPoolId: poolId, TermsId: privacy.TermsId, TermsName: "terms-of-use" }),
      ),
    );
    assert.equal(rename.name, "TermsExistsException");
  });

  it("updates only the members given", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const terms = await create(poolId, clientId);
    const newLinks = { "cognito:default": "https://example.com/v2/terms" };
    const { Terms } = await t.client.send(
      new UpdateTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId, Links: newLinks }),
    );
    assert.deepEqual(Terms?.Links, newLinks);
    assert.equal(Terms?.TermsName, "terms-of-use");
    assert.equal(Terms?.ClientId, clientId);
    assert.deepEqual(Terms?.CreationDate, terms.CreationDate);
    const renamed = await t.client.send(
      new UpdateTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId, TermsName: "privacy-policy" }),
    );
    assert.equal(renamed.Terms?.TermsName, "privacy-policy");
    assert.deepEqual(renamed.Terms?.Links, newLinks);
    // Renaming to its own name is not a conflict.
    await t.client.send(
      new UpdateTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId, TermsName: "privacy-policy" }),
    );
  });

  it("lists terms summaries with pagination", async () => {
    const poolId = await newPool(t);
    const a = await newClient(t, poolId, "a");
    const b = await newClient(t, poolId, "b");
    const created = [await create(poolId, a), await create(poolId, a, "privacy-policy"), await create(poolId, b)];
    const first = await t.client.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 2 }));
    assert.equal(first.Terms?.length, 2);
    assert.ok(first.NextToken);
    const second = await t.client.send(
      new ListTermsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: first.NextToken }),
    );
    assert.equal(second.Terms?.length, 1);
    assert.equal(second.NextToken, undefined);
    const listed = [...first.Terms!, ...second.Terms!];
    assert.deepEqual(listed.map((s) => s.TermsId).sort(), created.map((c) => c.TermsId).sort());
    const summary = listed.find((s) => s.TermsId === created[0]!.TermsId)!;
    assert.deepEqual(Object.keys(summary).sort(), [
      "CreationDate",
      "Enforcement",
      "LastModifiedDate",
      "TermsId",
      "TermsName",
    ]);

    const all = await t.client.send(new ListTermsCommand({ UserPoolId: poolId }));
    assert.equal(all.Terms?.length, 3);
    const empty = await t.client.send(new ListTermsCommand({ UserPoolId: await newPool(t) }));
    assert.deepEqual(empty.Terms, []);
    const bad = await errorOf(() => t.client.send(new ListTermsCommand({ UserPoolId: poolId, NextToken: "bogus" })));
    assert.equal(bad.name, "InvalidParameterException");
  });

  it("deletes terms", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const terms = await create(poolId, clientId);
    await t.client.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId }));
    const gone = await errorOf(() =>
      t.client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId })),
    );
    assert.equal(gone.name, "ResourceNotFoundException");
    const again = await errorOf(() =>
      t.client.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: terms.TermsId })),
    );
    assert.equal(again.name, "ResourceNotFoundException");
    // The name is free again.
    await create(poolId, clientId);
  });

  it("answers ResourceNotFoundException for unknown pools, clients and terms", async () => {
    const poolId = await newPool(t);
    const missing = "1b7f5d4e-2c3a-4b5c-8d9e-0f1a2b3c4d5e";
    const pool = await errorOf(() => create(MISSING_POOL, MISSING_CLIENT));
    assert.equal(pool.name, "ResourceNotFoundException");
    const client = await errorOf(() => create(poolId, MISSING_CLIENT));
    assert.equal(client.name, "ResourceNotFoundException");
    assert.equal(client.message, `User pool client ${MISSING_CLIENT} does not exist.`);
    for (const call of [
      () => t.client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: missing })),
      () => t.client.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: missing, TermsName: "terms-of-use" })),
      () => t.client.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: missing })),
      () => t.client.send(new ListTermsCommand({ UserPoolId: MISSING_POOL })),
    ]) {
      assert.equal((await errorOf(call)).name, "ResourceNotFoundException");
    }
  });

  it("validates names and link languages against the model", async () => {
    const poolId = await newPool(t);
    const clientId = await newClient(t, poolId);
    const name = await errorOf(() =>
      t.client.send(
        new CreateTermsCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          TermsName: "cookies" as "terms-of-use",
          TermsSource: "LINK",
          Enforcement: "NONE",
        }),
      ),
    );
    assert.equal(name.name, "InvalidParameterException");
    const language = await errorOf(() =>
      t.client.send(
        new CreateTermsCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          TermsName: "terms-of-use",
          TermsSource: "LINK",
          Enforcement: "NONE",
          Links: { "cognito:klingon": "https://example.com" },
        }),
      ),
    );
    assert.equal(language.name, "InvalidParameterException");
  });
});

describe("deleting an app client", () => {
  const t = useCognate();

  it("removes its managed login style, terms and UI customization with it", async () => {
    const poolId = await newPoolWithDomain(t);
    const clientId = await newClient(t, poolId);
    const keptClient = await newClient(t, poolId, "kept");
    const { ManagedLoginBranding } = await t.client.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    const terms = async (ClientId: string) =>
      (
        await t.client.send(
          new CreateTermsCommand({
            UserPoolId: poolId,
            ClientId,
            TermsName: "terms-of-use",
            TermsSource: "LINK",
            Enforcement: "NONE",
            Links: { "cognito:default": "https://example.com/terms" },
          }),
        )
      ).Terms!.TermsId!;
    const goneTerms = await terms(clientId);
    const keptTerms = await terms(keptClient);
    await t.client.send(
      new SetUICustomizationCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        CSS: ".banner-customizable { color: red }",
      }),
    );

    await t.client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));

    const style = await errorOf(() =>
      t.client.send(
        new DescribeManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ManagedLoginBrandingId: ManagedLoginBranding!.ManagedLoginBrandingId!,
        }),
      ),
    );
    assert.equal(style.name, "ResourceNotFoundException");
    const gone = await errorOf(() =>
      t.client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: goneTerms })),
    );
    assert.equal(gone.name, "ResourceNotFoundException");
    const kept = await t.client.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: keptTerms }));
    assert.equal(kept.Terms?.ClientId, keptClient);
    const ui = await errorOf(() =>
      t.client.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId })),
    );
    assert.equal(ui.name, "ResourceNotFoundException");
  });
});
