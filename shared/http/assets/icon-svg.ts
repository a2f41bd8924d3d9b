/**
 * The site icon (an envelope), served as `/assets/icon.svg`: without one, every browser asks for
 * `/favicon.ico` and logs a 404 on each page.
 */
export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#000091"/>' +
  '<path d="M3 5h10v7H3z" fill="#fff"/><path d="M3 5l5 4 5-4" fill="none" stroke="#000091" stroke-width="1.2"/></svg>';
