import { useEffect, useState } from 'react';
import { isOnline, onConnectivityChange } from '../services/zalo';

/** Whether the device says it has a network, updated when it changes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline);
  useEffect(() => onConnectivityChange(setOnline), []);
  return online;
}
