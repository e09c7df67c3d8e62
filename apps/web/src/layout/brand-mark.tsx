/** The platform's mark: the scales of justice on a blue tile (also the favicon). */
export const BrandMark = ({ size = 32 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
    <rect width="64" height="64" rx="12" fill="#1a4fa0" />
    <rect x="2" y="2" width="60" height="60" rx="10" fill="none" stroke="rgba(255,255,255,0.35)" strokeWidth="2" />
    <path
      d="M32 12v40M18 52h28M14 22h36M20 22l-7 14a7 7 0 0 0 14 0zM44 22l-7 14a7 7 0 0 0 14 0z"
      stroke="#fff"
      strokeWidth="3.5"
      fill="none"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
