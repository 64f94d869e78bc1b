/**
 * A live preview of one page's HTML. `sandbox=""` grants nothing: no scripts, no same-origin access,
 * no forms, no top navigation, so a pasted or model-written document cannot reach the app.
 */
export function PreviewFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      sandbox=""
      srcDoc={html}
      title={title}
      referrerPolicy="no-referrer"
      style={{ width: "100%", height: 360, border: "1px solid var(--mantine-color-gray-4)", borderRadius: 8, background: "#fff" }}
    />
  );
}
