import type { ReactNode } from 'react';
import { Box } from 'ink';
import type { Binding, Scope } from '../state/keymap.js';
import { KeyFooter } from './KeyFooter.js';

export interface FrameProps {
  width: number;
  height: number;
  header: ReactNode;
  status: ReactNode;
  footerScopes: readonly (Scope | Binding[])[];
  children: ReactNode;
}

/** The full-screen layout every screen shares: header, body, status line, keys. */
export function Frame({ width, height, header, status, footerScopes, children }: FrameProps) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {header}
      <Box flexGrow={1} flexBasis={0} flexDirection="row" overflow="hidden">
        {children}
      </Box>
      {status}
      <KeyFooter scopes={footerScopes} />
    </Box>
  );
}
