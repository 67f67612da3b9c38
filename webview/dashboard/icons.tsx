// The few glyphs the dashboard needs, inline (no icon font to ship or load).
const Svg = ({ d, className = 'icon', size = 16 }: { d: string; className?: string; size?: number }) => (
  <svg className={className} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
    <path d={d} fill="currentColor" fillRule="evenodd" />
  </svg>
);

export const FlameIcon = () => <Svg d="M8 .8c.6 2.4 4.5 4.2 4.5 8.5A4.5 4.5 0 0 1 8 14.8a4.5 4.5 0 0 1-4.5-4.5c0-1.9 1.1-3.3 2.1-4.1 0 1.5.6 2.5 1.6 2.8C6.6 6.4 7 3 8 .8z" />;
export const TrophyIcon = () => (
  <Svg d="M4 1.5h8V3h2.5v2a3 3 0 0 1-2.9 3 4 4 0 0 1-2.8 2.4v2.1H11V14H5v-1.5h2.2v-2.1A4 4 0 0 1 4.4 8 3 3 0 0 1 1.5 5V3H4V1.5zM3 4.5V5a1.5 1.5 0 0 0 1 1.4V4.5H3zm9 0v1.9A1.5 1.5 0 0 0 13 5v-.5h-1z" />
);
export const CalendarIcon = () => (
  <Svg d="M3 2h1V1h1.5v1h5V1H12v1h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm-.5 4v7h11V6h-11zM4 7.5h2v2H4v-2zm3 0h2v2H7v-2zm3 0h2v2h-2v-2z" />
);
export const ClockIcon = () => <Svg d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm0 1.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM7.3 4h1.4v3.6l2.6 1.6-.7 1.2-3.3-2V4z" />;
export const ShortIcon = () => <Svg d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm0 1.5A5.5 5.5 0 1 0 13.5 8H8V2.5z" />;
export const DownIcon = () => <Svg d="M8 14 2.5 8.5l1-1 3.8 3.8V2h1.4v9.3l3.8-3.8 1 1L8 14z" />;
export const UpIcon = () => <Svg d="M8 2l5.5 5.5-1 1-3.8-3.8V14H7.3V4.7L3.5 8.5l-1-1L8 2z" />;
export const CheckIcon = () => <Svg d="M6.3 12.2 2.1 8l1.4-1.4 2.8 2.8 6.2-6.2 1.4 1.4-7.6 7.6z" />;
export const EyeIcon = () => <Svg d="M8 3c3.3 0 5.9 2.2 7 5-1.1 2.8-3.7 5-7 5S2.1 10.8 1 8c1.1-2.8 3.7-5 7-5zm0 1.5A5.9 5.9 0 0 0 2.6 8 5.9 5.9 0 0 0 8 11.5 5.9 5.9 0 0 0 13.4 8 5.9 5.9 0 0 0 8 4.5zM8 6a2 2 0 1 1 0 4 2 2 0 0 1 0-4z" />;
export const GraphIcon = ({ size = 16 }: { size?: number }) => (
  <Svg size={size} className="icon graph" d="M1.5 13.5h13V15h-13v-1.5zM2.5 8H5v4.5H2.5V8zm4.25-5.5h2.5v10h-2.5v-10zM11 5.5h2.5v7H11v-7z" />
);
