import { notFound } from "next/navigation";
import { getDeps } from "@/server/deps";
import { isMailboxEnabled, listMailbox } from "@/server/mail/mailbox";

export const dynamic = "force-dynamic";

const frame = { width: "100%", height: "480px", border: "1px solid #d1d5db", borderRadius: "6px", background: "#fff" };

/** Every email the embedded outbox recorded, rendered as the recipient would have seen it. */
export default async function MailboxPage() {
  if (!isMailboxEnabled()) notFound();
  const { db } = await getDeps();
  const emails = await listMailbox(db);
  return (
    <main style={{ maxWidth: 860, margin: "0 auto", padding: "24px", fontFamily: "system-ui, sans-serif" }}>
      <h1>Mailbox</h1>
      <p
        role="status"
        style={{ background: "#fef3c7", border: "1px solid #f59e0b", padding: "12px", borderRadius: "6px" }}
      >
        Simulated mailbox — these emails were not delivered. Set <code>RESEND_API_KEY</code> to send real email.
      </p>
      {emails.length === 0 ? <p>No emails yet.</p> : null}
      {emails.map((email) => (
        <article key={email.id} style={{ margin: "24px 0" }}>
          <h2 style={{ fontSize: "18px", marginBottom: "4px" }}>{email.subject}</h2>
          <p style={{ margin: "0 0 8px", color: "#4b5563" }}>
            To {email.to} ·{" "}
            <time dateTime={email.createdAt.toISOString()}>{email.createdAt.toLocaleString("en-US")}</time> ·{" "}
            {email.template}
          </p>
          {/* sandbox with no permissions: the email's HTML cannot run script or navigate the app. */}
          <iframe title={email.subject} srcDoc={email.html} sandbox="" style={frame} />
        </article>
      ))}
    </main>
  );
}
