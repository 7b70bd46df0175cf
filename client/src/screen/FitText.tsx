import { useLayoutEffect, useRef } from 'react';
import { useLatest } from '../lib/useLatest.ts';

interface Props {
  text: string;
  /** Font sizes in em of the surrounding text; the largest that fits wins. */
  max: number;
  min: number;
  className?: string;
  /** Told after every fit whether the text fits even at `min`, so the card can make room. */
  onFit?: (overflows: boolean) => void;
}

const STEP = 0.05;

/**
 * Text that takes the largest font size at which it fits its box, so a one-liner fills a card
 * and a 500-character post still fits, readable from the back of the hall. Sizes are set
 * through the style property (allowed by the CSP); what cannot fit even at `min` fades out.
 */
export function FitText({ text, max, min, className, onFit }: Props) {
  const ref = useRef<HTMLParagraphElement>(null);
  const report = useLatest(onFit);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const fits = (size: number) => {
      element.style.fontSize = `${size}em`;
      return (
        element.scrollHeight <= element.clientHeight + 1 &&
        element.scrollWidth <= element.clientWidth + 1
      );
    };
    const fit = () => {
      if (element.clientHeight === 0) return;
      let low = min;
      let high = max;
      if (fits(high)) {
        element.dataset.overflow = 'false';
        report.current?.(false);
        return;
      }
      while (high - low > STEP) {
        const middle = (low + high) / 2;
        if (fits(middle)) low = middle;
        else high = middle;
      }
      const overflows = !fits(low);
      element.dataset.overflow = String(overflows);
      report.current?.(overflows);
    };
    fit();
    // The box changes size with the window and when the grid around it changes shape.
    let lastSize = `${element.clientWidth}x${element.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const size = `${element.clientWidth}x${element.clientHeight}`;
      if (size === lastSize) return;
      lastSize = size;
      fit();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [text, max, min, report]);

  return (
    <p ref={ref} className={className} data-fit="">
      {text}
    </p>
  );
}
