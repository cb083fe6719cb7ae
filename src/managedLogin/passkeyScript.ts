/**
 * The only script of the pages: on the passkey step, asks the browser for an assertion with the
 * WEB_AUTHN challenge's options (navigator.credentials.get) and posts it as AuthenticationResponseJSON
 * in the hidden "credential" field. Runs on the button's click (keyboard or pointer) so that the
 * user decides when the browser's passkey dialog opens.
 */
export const PASSKEY_SCRIPT = `
(() => {
  const button = document.getElementById("passkey-start");
  const field = document.getElementById("passkey-credential");
  const failure = document.getElementById("passkey-error");
  const options = JSON.parse(document.getElementById("passkey-options").textContent);
  const bytes = (text) => {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
  };
  const text = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  button.addEventListener("click", async () => {
    failure.hidden = true;
    try {
      const credential = await navigator.credentials.get({
        publicKey: {
          ...options,
          challenge: bytes(options.challenge),
          allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })),
        },
      });
      const r = credential.response;
      field.value = JSON.stringify({
        id: credential.id,
        rawId: text(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment || undefined,
        clientExtensionResults: credential.getClientExtensionResults(),
        response: {
          clientDataJSON: text(r.clientDataJSON),
          authenticatorData: text(r.authenticatorData),
          signature: text(r.signature),
          userHandle: r.userHandle ? text(r.userHandle) : undefined,
        },
      });
      button.form.submit();
    } catch (error) {
      failure.hidden = false;
    }
  });
})();
`;
