// Organisation gazetteer (data/organizations.json): international bodies, news outlets, government
// bodies, legislatures, armed forces, parties, companies and NGOs, with CAMEO actor codes.
import { readDataJson } from './paths.js';
import { countryByIso3, distinctNames, nameKey } from './countries.js';

export type OrganizationKind = 'news' | 'igo' | 'government' | 'legislature' | 'military' | 'company' | 'party' | 'ngo' | 'other';

export interface OrganizationEntry {
  name: string;
  kind: OrganizationKind;
  /** ISO alpha-3 of the home country; null for international bodies and generic ones. */
  country: string | null;
  aliases: string[];
  /** CAMEO actor code: "IGOUNO" for the UN, "USAGOV" for a US agency, "RUSBUS" for a Russian company. */
  cameo?: string;
  /** A body every state has ("Foreign Ministry", "Central Bank"): its country comes from context. */
  generic?: boolean;
}

const ORGANIZATION_KINDS: ReadonlySet<string> = new Set<OrganizationKind>(['news', 'igo', 'government', 'legislature', 'military', 'company', 'party', 'ngo', 'other']);

/**
 * CAMEO role code appended to the country code when the data gives no code (CAMEO 1.1b3, table 3.1):
 * the State Department is USAGOV, the Duma RUSLEG, the Pentagon USAMIL, TASS RUSMED, Gazprom RUSBUS.
 */
const CAMEO_ROLE_BY_KIND: Readonly<Partial<Record<OrganizationKind, string>>> = {
  government: 'GOV',
  legislature: 'LEG',
  military: 'MIL',
  news: 'MED',
  company: 'BUS',
};

type OrgRecord = string[] | { name: string; aliases?: string[]; kind?: string; country?: string | null; cameo?: string };

interface OrgGroup {
  kind: string;
  country: string | null;
  generic?: boolean;
  about?: string;
  orgs: OrgRecord[];
}

interface OrganizationsFile {
  ambiguous: { name: string; why: string }[];
  groups: OrgGroup[];
}

let fileMemo: OrganizationsFile | undefined;
let orgsMemo: readonly OrganizationEntry[] | undefined;
let indexMemo: ReadonlyMap<string, OrganizationEntry> | undefined;
let ambiguousMemo: ReadonlySet<string> | undefined;

function readOrganizationsFile(): OrganizationsFile {
  fileMemo ??= readDataJson<OrganizationsFile>('organizations.json');
  return fileMemo;
}

function defaultCameo(kind: OrganizationKind, country: string | null, generic: boolean): string | undefined {
  if (generic) return undefined;
  if (kind === 'igo') return 'IGO';
  if (kind === 'ngo') return country ? `NGO${country}` : 'NGO';
  const role = CAMEO_ROLE_BY_KIND[kind];
  return role && country ? `${country}${role}` : undefined;
}

function buildOrganizations(): readonly OrganizationEntry[] {
  const out: OrganizationEntry[] = [];
  for (const group of readOrganizationsFile().groups) {
    for (const record of group.orgs) {
      const r = Array.isArray(record) ? { name: record[0]!, aliases: record.slice(1) } : record;
      const kind = r.kind ?? group.kind;
      const country = r.country === undefined ? group.country : r.country;
      if (!ORGANIZATION_KINDS.has(kind)) throw new Error(`organizations: unknown kind "${kind}" for ${r.name}`);
      if (country !== null && !countryByIso3(country)) throw new Error(`organizations: unknown country "${country}" for ${r.name}`);
      const generic = group.generic === true;
      const keys = new Set<string>();
      const forms = distinctNames([r.name], keys);
      const entry: OrganizationEntry = {
        name: r.name,
        kind: kind as OrganizationKind,
        country,
        aliases: [...forms.slice(1), ...distinctNames(r.aliases ?? [], keys)],
      };
      const cameo = r.cameo ?? defaultCameo(entry.kind, country, generic);
      if (cameo) entry.cameo = cameo;
      if (generic) entry.generic = true;
      out.push(Object.freeze(entry));
    }
  }
  return Object.freeze(out);
}

/** All organisations, in data-file order. Built once. */
export function loadOrganizations(): readonly OrganizationEntry[] {
  orgsMemo ??= buildOrganizations();
  return orgsMemo;
}

/** Surface string (exact case) to organisation; the first one listed keeps a shared name. */
export function organizationNameIndex(): ReadonlyMap<string, OrganizationEntry> {
  if (indexMemo) return indexMemo;
  const index = new Map<string, OrganizationEntry>();
  for (const o of loadOrganizations()) for (const n of [o.name, ...o.aliases]) if (!index.has(n)) index.set(n, o);
  indexMemo = index;
  return index;
}

/** The organisation a surface string names: "Reuters", "the Telegraph", "OPEC+", "State Duma". */
export function findOrganization(surface: string): OrganizationEntry | undefined {
  const s = surface.trim().replace(/[\u2018\u2019]/g, "'");
  const index = organizationNameIndex();
  return index.get(s) ?? index.get(s.replace(/^the\s+/i, '')) ?? index.get(s.replace(/^the\s+/, 'The '));
}

/** True for organisation names that often mean something else: "Total", "Shell", "ABC", "Senate". */
export function isAmbiguousOrganizationName(name: string): boolean {
  ambiguousMemo ??= new Set(readOrganizationsFile().ambiguous.map((a) => nameKey(a.name)));
  const s = name.trim();
  return ambiguousMemo.has(nameKey(s)) || ambiguousMemo.has(nameKey(s.replace(/^the\s+/i, '')));
}
