/**
 * A small part of Cognito's default managed login style, for ReturnMergedResources: enough
 * for callers that expect merged settings to be present, not a full copy of Cognito's
 * defaults (the page renders nothing here, so the rest would be decoration).
 */
const DEFAULT_SETTINGS = {
  categories: {
    form: { displayGraphics: true, location: { horizontal: "CENTER", vertical: "CENTER" } },
    global: {
      colorSchemeMode: "LIGHT",
      spacingDensity: "REGULAR",
      pageHeader: { enabled: false },
      pageFooter: { enabled: false },
    },
  },
  componentClasses: { buttons: { borderRadius: 8.0 } },
  components: {
    pageBackground: { image: { enabled: true }, lightMode: { color: "ffffffff" }, darkMode: { color: "0f1b2aff" } },
    primaryButton: {
      lightMode: { defaults: { backgroundColor: "0972d3ff", textColor: "ffffffff" } },
      darkMode: { defaults: { backgroundColor: "539fe5ff", textColor: "000716ff" } },
    },
  },
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Objects merge key by key; anything else in `over` replaces what `base` has. */
function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

/** The style's settings with Cognito's defaults filled in where it has none. */
export function mergedSettings(settings: unknown): Json {
  return deepMerge(structuredClone(DEFAULT_SETTINGS), isObject(settings) ? settings : {});
}
