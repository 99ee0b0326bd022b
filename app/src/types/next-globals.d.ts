// Next's ambient types (CSS and image imports) without depending on the generated next-env.d.ts,
// so `tsc -p app/tsconfig.json` works on a fresh clone before the first `next build`.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
