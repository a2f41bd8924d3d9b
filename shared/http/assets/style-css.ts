/**
 * The pages' only stylesheet, served as `/assets/style.css` (the CSP allows no inline style). Kept
 * in a module so every bundle (Lambda, local server) carries it without file-system access; pages
 * reach it through `#style-css` (package.json `imports`): in the api's Lambda bundle it is
 * `style-css.cjs` beside `index.mjs`, required on the first request for the stylesheet.
 * System fonts only; colours meet WCAG 2.1 AA contrast (≥ 4.5:1) on their backgrounds; logical
 * properties so right-to-left languages mirror; at ≤ 600 px the letters table becomes cards.
 */
export const STYLE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Ethiopic","Noto Sans Bengali","Noto Sans Georgian",sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b4ea2}
a:visited{color:#4c2c92}
a:hover{color:#003078}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 6px #ffdd00}
a:focus-visible{background:#ffdd00;color:#1a1a1a}
.skip{position:absolute;inset-inline-start:.5rem;top:-4rem;background:#ffdd00;color:#1a1a1a;padding:.5rem 1rem;z-index:2}
.skip:focus{top:.5rem}
.top{background:#000091;color:#fff;padding:.25rem 0}
.top a,.top a:visited{color:#fff}
.top a:focus-visible{color:#1a1a1a}
.brand{font-weight:700;text-decoration:none}
.top-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:0 .75rem}
.top .brand{flex:1 1 10rem;min-width:0;line-height:1.25}
.brand,.lang-link,.nav a,.linkbtn{display:inline-flex;align-items:center;min-height:44px;min-width:44px}
.lang-link{gap:.4rem;padding:0 .5rem;border:1px solid #fff;border-radius:.25rem;text-decoration:none}
.globe{flex:none}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.nav{display:flex;flex-wrap:wrap;gap:0 .75rem;align-items:center;margin:0;padding:0;list-style:none;flex-basis:100%}
.nav form{margin:0}
.linkbtn{background:none;border:0;padding:0;font:inherit;color:inherit;text-decoration:underline;cursor:pointer}
.count{display:inline-block;min-width:1.5em;padding:0 .4em;border-radius:1em;background:#fff;color:#b00020;font-weight:700;text-align:center}
.lang-list{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem;margin:0 0 1.5rem;padding:0;list-style:none}
.langs button{width:100%;min-height:48px;font:inherit;font-size:1.1rem;padding:.5rem;border:1px solid #767676;border-radius:.25rem;background:#fff;color:#1a1a1a;cursor:pointer}
main a:not(.button){display:inline-flex;align-items:center;min-height:44px;min-width:44px}
a.tap{justify-content:center;padding:0 .75rem;border:1px solid #0b4ea2;border-radius:.25rem}
.strong{font-weight:700}
.langs button[aria-current=true]{background:#000091;color:#fff;border-color:#000091}
main{display:block;padding:1rem 0 2rem}
main:focus{outline:none}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
label,legend{display:block;font-weight:700;margin:0 0 .25rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
.hint{display:block;color:#4a4a4a;margin:0 0 .25rem;font-size:.95rem}
.field{margin:0 0 1.25rem}
input[type=text],input[type=password],input[type=tel],input[type=email],input[type=date],select{display:block;width:100%;max-width:24rem;font:inherit;padding:.5rem;border:2px solid #1a1a1a;border-radius:0;background:#fff;color:#1a1a1a}
.radio{display:flex;gap:.5rem;align-items:center;min-height:44px;margin:.25rem 0;font-weight:400}
.radio input{width:1.5rem;height:1.5rem;margin:0}
.field-error input{border-color:#b00020;border-width:3px}
.error-text{display:block;color:#b00020;font-weight:700;margin:0 0 .25rem}
.button{display:inline-block;min-height:44px;font:inherit;font-weight:700;padding:.6rem 1.2rem;border:0;border-bottom:2px solid #002d18;background:#00703c;color:#fff;cursor:pointer;text-decoration:none}
.button:hover{background:#005a30}
a.button,a.button:visited{color:#fff}
.button.secondary{background:#e8e8ee;color:#1a1a1a;border-bottom-color:#929191}
.error-summary{border:4px solid #b00020;padding:1rem;margin:0 0 1.5rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#b00020;font-weight:700}
.notice{border-inline-start:6px solid #00703c;background:#eef7f1;padding:.75rem 1rem;margin:0 0 1rem}
.banner{background:#b00020;color:#fff;font-weight:700;padding:.75rem 1rem;margin:0 0 1rem}
.warning{border-inline-start:6px solid #b00020;padding:.5rem 1rem;margin:1rem 0;background:#fdf0f2}
.panel{border:3px solid #000091;padding:1rem;margin:1rem 0}
.panel h2{margin-top:0}
.big{font-size:1.4rem;font-weight:700;margin:.25rem 0}
.muted{color:#4a4a4a}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.fr{display:block;color:#4a4a4a;font-size:.9rem}
.unread{font-weight:700;color:#b00020}
table{border-collapse:collapse;width:100%;margin:0 0 1rem}
caption{text-align:start;font-weight:700;padding:.5rem 0}
th,td{text-align:start;vertical-align:top;padding:.5rem;border-bottom:1px solid #b1b4b6}
th{background:#f3f3f6}
dl{margin:0 0 1rem}
dt{font-weight:700}
dd{margin:0 0 .75rem}
footer{border-top:1px solid #b1b4b6;padding:1rem 0;font-size:.95rem}
@media (max-width:600px){
 .top{font-size:.9375rem}
 h1{font-size:1.35rem}
 table.cards caption{display:block;width:100%}
 table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
 table.cards tr{border:2px solid #b1b4b6;margin:0 0 1rem;padding:.25rem .5rem}
 table.cards tr.is-unread{border-color:#b00020}
 table.cards td{border:0;padding:.25rem 0}
 table.cards td::before{content:attr(data-label);display:block;font-size:.85rem;font-weight:700;color:#4a4a4a}
 table.cards td:empty{display:none}
}
`;

/** The stylesheet (the same call as style-css-lambda.ts's). */
export function styleCss(): string {
  return STYLE_CSS;
}
