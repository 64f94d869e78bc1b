import { Code, List, ListItem, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * The markdown agents write (headings, lists, paragraphs, **bold**, `code`, fenced code), rendered as
 * React elements and never as HTML: a tag or script in an artifact shows as its text. Links are not
 * made clickable, so an artifact cannot send the owner somewhere.
 */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, i) => {
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 2) return <Code key={i}>{part.slice(1, -1)}</Code>;
    return part;
  });
}

export function SafeMarkdown({ source }: { source: string }) {
  const blocks: ReactNode[] = [];
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("```")) {
      const code: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith("```")) code.push(lines[i]!);
      blocks.push(<Code key={i} block>{code.join("\n")}</Code>);
    } else if (/^#{1,6} /.test(line)) {
      const level = Math.min(6, Math.max(4, line.indexOf(" ") + 3)) as 4 | 5 | 6;
      blocks.push(<Title key={i} order={level}>{inline(line.replace(/^#+ /, ""))}</Title>);
    } else if (/^\s*([-*]|\d+\.) /.test(line)) {
      const items: string[] = [];
      const ordered = /^\s*\d+\. /.test(line);
      for (; i < lines.length && /^\s*([-*]|\d+\.) /.test(lines[i]!); i++) items.push(lines[i]!.replace(/^\s*([-*]|\d+\.) /, ""));
      i--;
      blocks.push(<List key={i} type={ordered ? "ordered" : "unordered"} size="sm">{items.map((it, j) => <ListItem key={j}>{inline(it)}</ListItem>)}</List>);
    } else if (line.trim()) {
      blocks.push(<Text key={i} size="sm">{inline(line)}</Text>);
    }
  }
  return <Stack gap="xs">{blocks}</Stack>;
}
