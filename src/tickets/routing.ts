// Routing a ticket to the agency that must answer it, from knowledge/agencies.yaml.
//
// Order (documented in README "Tickets"):
//  1. keywords: each agency name in the procedure record (cơ quan thực hiện first, then cơ quan
//     có thẩm quyền) is compared, ignoring case and tone-mark placement, with every agency's
//     `matches` keywords; the longest keyword found in a name wins for that name. Keywords come
//     first because they are the more specific signal: a record that names "Công an cấp Xã"
//     must reach the xã police although its field (cư trú, căn cước …) may be routed to the
//     provincial police. When the names match several different agencies (a procedure done at
//     two levels), the field's agency wins if it is one of them, else the first name in record
//     order.
//  2. field: the agency whose `fields` lists the procedure's lĩnh vực (each field is listed by
//     exactly one agency; test/knowledge/agencies-routing.test.ts guards that).
//  3. intake: the 1022 team (`intake`), also for tickets with no procedure (most complaints).
// Ministries (level bo) have no fields and no keywords, so they are never chosen automatically.
import type { AgencyDirectory, Procedure } from '../knowledge/types.js';

export type RouteReason = 'keyword' | 'field' | 'intake';

export interface RouteResult {
  agencyId: string;
  reason: RouteReason;
  /** The record's agency name or the field that decided (for the audit log). */
  matched?: string;
}

export interface TicketRouter {
  route(procedure: Pick<Procedure, 'field' | 'agencies' | 'competentAgencies'> | undefined): RouteResult;
  /** True when the directory knows this agency id (transfers must name a real agency). */
  hasAgency(id: string): boolean;
  agencyName(id: string): string | undefined;
  readonly intake: string;
}

/** Intake id used when the knowledge base has no agencies.yaml (or it names no intake). */
export const DEFAULT_INTAKE_ID = 'tong-dai-1022';

/** Lower case, NFC, and "uỷ" spelled "ủy" (old and new tone placement compare equal). */
export function routingKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/uỷ/g, 'ủy')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Routes with the directory current at each call (the knowledge base hot-reloads). */
export function createTicketRouter(directory: () => AgencyDirectory): TicketRouter {
  let cachedFor: AgencyDirectory | undefined;
  let keywords: { key: string; agencyId: string }[] = [];
  let fieldOwner = new Map<string, string>();

  const index = (): AgencyDirectory => {
    const dir = directory();
    if (dir === cachedFor) return dir;
    keywords = dir.agencies
      .flatMap((a) => a.matches.map((m) => ({ key: routingKey(m), agencyId: a.id })))
      .filter((k) => k.key !== '')
      .sort((x, y) => y.key.length - x.key.length);
    fieldOwner = new Map();
    for (const a of dir.agencies) for (const f of a.fields) if (!fieldOwner.has(routingKey(f))) fieldOwner.set(routingKey(f), a.id);
    cachedFor = dir;
    return dir;
  };

  const intakeId = (): string => index().intake || DEFAULT_INTAKE_ID;

  return {
    get intake() {
      return intakeId();
    },
    hasAgency: (id) => id === intakeId() || index().agencies.some((a) => a.id === id),
    agencyName: (id) => index().agencies.find((a) => a.id === id)?.name,
    route(procedure) {
      const intake = intakeId();
      if (!procedure) return { agencyId: intake, reason: 'intake' };
      const byField = procedure.field ? fieldOwner.get(routingKey(procedure.field)) : undefined;
      const hits: { agencyId: string; name: string }[] = [];
      for (const name of [...procedure.agencies, ...procedure.competentAgencies]) {
        const key = routingKey(name);
        const hit = keywords.find((k) => key.includes(k.key));
        if (hit) hits.push({ agencyId: hit.agencyId, name });
      }
      if (hits.length > 0) {
        const chosen = hits.find((h) => h.agencyId === byField) ?? hits[0]!;
        return { agencyId: chosen.agencyId, reason: 'keyword', matched: chosen.name };
      }
      if (byField) return { agencyId: byField, reason: 'field', matched: procedure.field };
      return { agencyId: intake, reason: 'intake' };
    },
  };
}
