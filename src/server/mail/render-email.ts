import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { emailTemplates, type EmailTemplateName, type EmailTemplateProps } from "@/emails/index";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders one template to the three things every provider needs: subject, HTML and plain text. */
export async function renderEmail<N extends EmailTemplateName>(
  name: N,
  props: EmailTemplateProps<N>,
): Promise<RenderedEmail> {
  // The registry is typed per name; indexing it with a generic name loses that link, hence the cast.
  const entry = emailTemplates[name] as unknown as {
    component: ComponentType<object>;
    subject: (p: EmailTemplateProps<N>) => string;
  };
  const element = createElement(entry.component, props as object);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: entry.subject(props), html, text };
}
