import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'grappes:public';

/** The few endpoints the contract opens to anyone; every other one needs a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
