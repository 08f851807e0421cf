import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';

/**
 * One row (or two) in every tenant-owned table for one tenant, written as system with the tenant
 * named: the deletion test fills two tenants with it and checks that every table the catalogue
 * lists got a row, so a table added later without a line here fails that test instead of being
 * silently left out of it.
 */
export async function fillTenant(database: Database, tenantId: string, userId: string, tag: string): Promise<void> {
  // Candidates name their pair in order (identity_candidates_ordered).
  const [c1, c2] = [randomUUID(), randomUUID()].sort();
  const [imp, agent] = [randomUUID(), randomUUID()];
  const rows: [string, unknown[]][] = [
    [`INSERT INTO customers (id, tenant_id, kind, first_name, last_name) VALUES ($2, $1, 'person', 'Ann', $4), ($3, $1, 'person', 'Ben', $4)`, [c1, c2, tag]],
    [`INSERT INTO contact_points (tenant_id, customer_id, kind, value) VALUES ($1, $2, 'phone', '+14155550100')`, [c1]],
    [`INSERT INTO customer_changes (tenant_id, customer_id, entity, action) VALUES ($1, $2, 'customer', 'created')`, [c1]],
    [`INSERT INTO consent_events (tenant_id, address_kind, address, channel, purpose, state, occurred_at, method, actor) VALUES ($1, 'phone', '+14155550100', 'voice', 'service', 'granted', now(), 'agent', 'test')`, []],
    [`INSERT INTO party_relationships (tenant_id, type, from_party_id, to_party_id) VALUES ($1, 'household_member', $2, $3)`, [c1, c2]],
    [`INSERT INTO attribute_definitions (tenant_id, key, label, type) VALUES ($1, 'tier', 'Tier', 'text')`, []],
    [`INSERT INTO customer_merges (tenant_id, survivor_id, merged_id, snapshot, moved) VALUES ($1, $2, $3, '{}', '{}')`, [c1, c2]],
    [`INSERT INTO identity_candidates (tenant_id, left_id, right_id, cluster_key, score, decision, evidence) VALUES ($1, $2, $3, $4, 0.9, 'review', '{}')`, [c1, c2, randomUUID()]],
    [`INSERT INTO identity_match_settings (tenant_id, settings) VALUES ($1, '{}')`, []],
    [`INSERT INTO agents (id, tenant_id, user_id, endpoint, extension) VALUES ($2, $1, $3, $4, '1001')`, [agent, userId, `PJSIP/${tag}-1001`]],
    [`INSERT INTO interactions (tenant_id, customer_id, agent_id, direction, leg_id, offered_at, talk_seconds) VALUES ($1, $2, $3, 'inbound', $4, now(), 120)`, [c1, agent, `${tag}-leg-1`]],
    [`INSERT INTO dialplan_draft (tenant_id, plan) VALUES ($1, '{}')`, []],
    [`INSERT INTO dialplan_versions (tenant_id, number, plan, files, author_name) VALUES ($1, 1, '{}', '{}', 'test')`, []],
    [`INSERT INTO customer_imports (id, tenant_id, source, file_name, bytes, sha256) VALUES ($2, $1, 'crm', 'f.csv', 1, 'x')`, [imp]],
    [`INSERT INTO customer_import_errors (tenant_id, import_id, record, position, code, message) VALUES ($1, $2, 1, 0, 'X', 'm')`, [imp]],
    [`INSERT INTO customer_external_ids (tenant_id, source, external_id, customer_id) VALUES ($1, 'crm', $3, $2)`, [c1, `${tag}-e1`]],
    [`INSERT INTO import_mappings (tenant_id, source, mapping) VALUES ($1, 'crm', '{}')`, []],
    [`INSERT INTO job_runs (id, tenant_id, queue, label) VALUES ($2, $1, 'q', 'l')`, [randomUUID()]],
    [`INSERT INTO sessions (token_hash, tenant_id, user_id, expires_at) VALUES ($2, $1, $3, now() + interval '1 day')`, [`${tag}-${randomUUID()}`, userId]],
    [`INSERT INTO tenant_memberships (tenant_id, user_id, role) VALUES ($1, $2, 'agent')`, [userId]],
  ];
  for (const [text, values] of rows) await database.rawSql(text, [tenantId, ...values]);
}
