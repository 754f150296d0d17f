/** antd's `lg` breakpoint: from here up lists are tables; narrower screens (phones) get cards. */
export const WIDE_SCREEN = '(min-width: 992px)';

export const isWideScreen = (): boolean => window.matchMedia(WIDE_SCREEN).matches;
