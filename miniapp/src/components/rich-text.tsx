// Rich text from the API (articles, policies, projects, procedures). The server stores only
// sanitised HTML (edge/src/content/rich-text.ts: a small tag allow-list, safe links, images
// from the product's own media route), so it is rendered as it comes.

interface RichTextProps {
  html: string;
  className?: string;
}

export function RichText({ html, className }: RichTextProps) {
  return (
    <div
      className={`rich-text${className ? ` ${className}` : ''}`}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the API before storage
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
