import { Fragment, type ReactNode } from 'react';

const urlPattern = /(https?:\/\/[^\s<>"')\]]*[^\s<>"')\].,;:!?])/g; // a sentence's full stop is not part of the link

/** Plain text with its http(s) URLs turned into links (the mail outbox's messages). */
export function Linkify({ text }: { text: string }): ReactNode {
  const parts = text.split(urlPattern);
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <a
        key={index}
        href={part}
        className="break-all text-primary underline underline-offset-2"
        rel="noreferrer"
      >
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}
