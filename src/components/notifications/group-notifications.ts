export interface BellItem {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface BellGroup<T extends BellItem> {
  label: "Today" | "Earlier";
  items: T[];
}

/**
 * Today / Earlier, newest first within each, in the viewer's own day (`now`'s local date): how people
 * scan a bell. Grouping by project would split one morning's news across headings for most owners,
 * who run one project; the title already names the campaign. Empty groups are left out.
 */
export function groupNotifications<T extends BellItem>(items: T[], now: Date): BellGroup<T>[] {
  const today = localDay(now);
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const groups: BellGroup<T>[] = [
    { label: "Today", items: sorted.filter((n) => localDay(new Date(n.createdAt)) === today) },
    { label: "Earlier", items: sorted.filter((n) => localDay(new Date(n.createdAt)) !== today) },
  ];
  return groups.filter((g) => g.items.length > 0);
}

const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
