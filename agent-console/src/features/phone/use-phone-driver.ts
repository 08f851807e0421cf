import { useEffect, useState } from 'react';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import type { PhoneConfig } from '../../realtime/snapshot-extras.js';
import { createJsSipDriver } from './jssip-driver.js';
import type { PhoneDriver } from './phone-driver.js';
import { createServerDriver } from './server-driver.js';

const SERVER: PhoneConfig = { mode: 'server' };

/**
 * The agent's phone for the configured mode: the browser softphone when the snapshot carries a
 * WebRTC configuration, the server's commands otherwise. The last known mode is kept while the
 * picture is rebuilt, so a reconnect does not tear down a running softphone call.
 */
export function usePhoneDriver(client: RealtimeClient, config: PhoneConfig | null): PhoneDriver | null {
  const [known, setKnown] = useState<PhoneConfig | null>(config);
  const [driver, setDriver] = useState<PhoneDriver | null>(null);
  const key = JSON.stringify(config);
  if (config !== null && JSON.stringify(known) !== key) setKnown(config);
  const effective = known ?? SERVER;
  const effectiveKey = JSON.stringify(effective);

  useEffect(() => {
    const cfg = JSON.parse(effectiveKey) as PhoneConfig;
    let d: PhoneDriver;
    if (cfg.mode === 'webrtc') {
      const audio = document.createElement('audio');
      audio.autoplay = true;
      d = createJsSipDriver(cfg, { audio });
    } else {
      d = createServerDriver(client);
      void d.register();
    }
    setDriver(d);
    return () => d.dispose();
  }, [client, effectiveKey]);

  return driver;
}
