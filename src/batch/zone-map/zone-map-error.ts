import { IceTypeError } from '../../errors.js';

/** Why zone-map data was rejected. */
export type ZoneMapErrorCode = 'INVALID_ZONE_MAP';

/** Serialised zone-map data that is not what `serializeZoneMap` writes. Messages name types, never values. */
export class ZoneMapError extends IceTypeError {
  override readonly name = 'ZoneMapError';
  constructor(
    override readonly code: ZoneMapErrorCode,
    message: string,
  ) {
    super(code, `zone-map: ${message}`);
  }
}
