import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Preference, PreferenceSchema } from './preference.schema';
import { PreferencesRpcHandlers } from './preferences.rpc-handlers';
import { PreferencesService } from './preferences.service';

/** Each person's choices: which notifications to e-mail, and whether at once or in a daily digest. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Preference.name, schema: PreferenceSchema }])],
  controllers: [PreferencesRpcHandlers],
  providers: [PreferencesService],
  exports: [PreferencesService],
})
export class PreferencesModule {}
