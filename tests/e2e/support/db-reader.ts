import postgres from "postgres";

/**
 * Direct row counts for one organization, for assertions that must see the database itself.
 * Only on Postgres (DATABASE_URL set): an embedded PGlite directory belongs to the app process.
 */
export async function countTenantRows(databaseUrl: string, organizationId: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ emails: number; notifications: number; campaigns: number; usageRows: number }[]>`
      select
        (select count(*)::int from email_outbox where organization_id = ${organizationId}) as emails,
        (select count(*)::int from notifications where organization_id = ${organizationId}) as notifications,
        (select count(*)::int from campaign_records where organization_id = ${organizationId}) as campaigns,
        (select count(*)::int from usage_ledger where organization_id = ${organizationId}) as "usageRows"`;
    return row!;
  } finally {
    await sql.end();
  }
}
