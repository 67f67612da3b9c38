// The few codicon-like glyphs the panel needs, inline (no icon font to ship or load).
const Svg = ({ d, title, trailing }: { d: string; title?: string; trailing?: boolean }) => (
  <svg className={trailing ? 'icon trailing' : 'icon'} width="16" height="16" viewBox="0 0 16 16" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined}>
    {title && <title>{title}</title>}
    <path d={d} fill="currentColor" />
  </svg>
);

export const PlayIcon = () => <Svg d="M4 2.5v11l9-5.5-9-5.5z" />;
export const PauseIcon = () => <Svg d="M4 2h3v12H4V2zm5 0h3v12H9V2z" />;
export const NextIcon = ({ trailing }: { trailing?: boolean }) => <Svg trailing={trailing} d="M5.7 13.7 4.3 12.3 8.6 8 4.3 3.7l1.4-1.4L11.4 8l-5.7 5.7z" />;
export const PrevIcon = () => <Svg d="M10.3 13.7 4.6 8l5.7-5.7 1.4 1.4L7.4 8l4.3 4.3-1.4 1.4z" />;
export const CheckIcon = () => <Svg d="M6.3 12.2 2.1 8l1.4-1.4 2.8 2.8 6.2-6.2 1.4 1.4-7.6 7.6z" />;
export const FlagIcon = () => <Svg d="M3 1h1v14H3V1zm2 1h8l-2 3.5L13 9H5V2z" />;
export const QuestionIcon = () => (
  <Svg d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 12.2a.9.9 0 1 1 0-1.8.9.9 0 0 1 0 1.8zm1.2-4.4c-.5.3-.6.5-.6 1v.4H7.4v-.5c0-1 .4-1.5 1.1-2 .6-.4.8-.6.8-1.1 0-.5-.4-.9-1.1-.9-.7 0-1.2.4-1.3 1.1L5.6 6.6C5.8 5.1 6.9 4.3 8.3 4.3c1.5 0 2.5.8 2.5 2.1 0 1-.5 1.6-1.6 2.4z" />
);
export const WarningIcon = () => <Svg d="M8.6 1.5a.7.7 0 0 0-1.2 0L.6 13.8a.7.7 0 0 0 .6 1.1h13.6a.7.7 0 0 0 .6-1.1L8.6 1.5zM8.8 13H7.2v-1.6h1.6V13zm0-3H7.2V5.5h1.6V10z" />;
