import { ReactNode, useEffect, useRef } from 'react';

/**
 * The page's heading takes the focus when the page opens, so that keyboard and
 * screen-reader users start from the new content; the tab title follows.
 */
export function PageTitle({ children, text }: { children: ReactNode; text: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · Grappes`;
    heading.current?.focus();
  }, [text]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
