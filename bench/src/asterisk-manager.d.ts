// asterisk-manager ships no types; this is the part the benchmark uses.
declare module 'asterisk-manager' {
  interface AsteriskManager {
    on(event: 'managerevent', listener: (event: Record<string, unknown>) => void): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
    once(event: string, listener: (...args: unknown[]) => void): void;
    disconnect(): void;
    isConnected(): boolean;
  }
  function AsteriskManager(port: number, host: string, username: string, password: string, events: boolean): AsteriskManager;
  export default AsteriskManager;
}
