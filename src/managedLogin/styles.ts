/**
 * The pages' own style, before the pool's. Colours meet WCAG AA contrast (text 4.5:1 or more
 * on its background) and focus is always visible: a thick outline, never removed.
 * Customer CSS comes after this and styles the Cognito class names (-customizable) on top.
 */
export const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:#16191f;background:#f2f3f3}
body{margin:0}
.background-customizable{background-color:#f2f3f3}
.page{min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px 12px}
.card{width:100%;max-width:400px;background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:24px 28px 28px;box-shadow:0 1px 4px rgba(0,7,22,.12)}
.banner{text-align:center;min-height:8px}
.logo-customizable{max-width:100%;max-height:100px}
.heading{font-size:1.5rem;line-height:1.3;margin:12px 0 16px;text-align:center;font-weight:700}
.field{margin:0 0 14px}
label{display:block;font-weight:600;margin:0 0 4px}
input[type=text],input[type=email],input[type=password],input[type=tel]{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid #5f6b7a;border-radius:6px;background:#fff;color:#16191f}
input[aria-invalid=true]{border-color:#d91515}
.choice{display:flex;gap:8px;align-items:center;margin:0 0 8px}
.choice label{font-weight:400;margin:0}
button{font:inherit;cursor:pointer}
.primaryButton{display:block;width:100%;margin:16px 0 0;padding:10px 16px;border:0;border-radius:8px;background:#0972d3;color:#fff;font-weight:700}
.primaryButton:hover{background:#065299}
.secondaryButton,.idpButton-customizable{display:block;width:100%;margin:12px 0 0;padding:9px 16px;border:2px solid #0972d3;border-radius:8px;background:#fff;color:#065299;font-weight:700;text-align:center;text-decoration:none}
.secondaryButton:hover,.idpButton-customizable:hover{background:#f0f7ff}
a{color:#065299}
:focus-visible{outline:3px solid #0972d3;outline-offset:2px}
input:focus-visible{outline:3px solid #0972d3;outline-offset:1px}
.error{color:#b0120e;background:#fff7f7;border:1px solid #d91515;border-radius:6px;padding:8px 10px;margin:0 0 14px}
.notice{color:#0d5f23;background:#f2fcf3;border:1px solid #1d8102;border-radius:6px;padding:8px 10px;margin:0 0 14px}
.links{margin:16px 0 0;text-align:center}
.links p{margin:6px 0}
.divider{display:flex;align-items:center;gap:8px;margin:20px 0 4px;color:#414d5c}
.divider::before,.divider::after{content:"";flex:1;border-top:1px solid #d1d5db}
.secret{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all;background:#f2f3f3;border-radius:6px;padding:8px;margin:0 0 12px}
.legalText-customizable{font-size:.875rem;color:#414d5c}
`;
