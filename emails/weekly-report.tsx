import { Column, Row, Section, Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface WeeklyReportProps extends UserEmailProps {
  projectName: string;
  week: number;
  /** "Nov 23 – Nov 29, 2026". */
  weekLabel: string;
  summary: string;
  /** The card's figures, already formatted (the same strings as the chat card and the PDF). */
  metrics: { label: string; value: string; trend: string; better: boolean | null }[];
  note: string;
  reportUrl: string;
  pdfUrl: string;
}

const arrow = (trend: string) => (trend.startsWith("up") ? "▲ " : trend.startsWith("down") ? "▼ " : "");
const colour = (better: boolean | null) => (better === null ? "#6b7280" : better ? "#047857" : "#b91c1c");

export function WeeklyReportEmail(props: WeeklyReportProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`${props.projectName}: your weekly report (${props.weekLabel})`}
      heading={`Week ${props.week}: ${props.weekLabel}`}
      action={{ label: "See the report", href: props.reportUrl }}
    >
      <Text>{props.summary}</Text>
      <Section>
        {props.metrics.map((m) => (
          <Row key={m.label}>
            <Column style={{ padding: "4px 0", color: "#374151" }}>{m.label}</Column>
            <Column style={{ padding: "4px 0", fontWeight: 700, textAlign: "right" }}>{m.value}</Column>
            <Column style={{ padding: "4px 0 4px 12px", textAlign: "right", color: colour(m.better) }}>
              {arrow(m.trend)}
              {m.trend}
            </Column>
          </Row>
        ))}
      </Section>
      <Text style={{ fontSize: "12px", color: "#6b7280" }}>
        Trends compare with the 7 days before. {props.note} <a href={props.pdfUrl}>Download the PDF</a>.
      </Text>
    </EmailLayout>
  );
}

export const weeklyReportSubject = (p: WeeklyReportProps) => `${p.projectName}: your weekly report (${p.weekLabel})`;
