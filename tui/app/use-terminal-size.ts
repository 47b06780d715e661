import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
import type { Size } from '../screens/types.js';

/** The terminal's size, updated on resize (80×24 when the output is not a terminal). */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const read = (): Size => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState<Size>(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` is rebuilt each render from these two
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
