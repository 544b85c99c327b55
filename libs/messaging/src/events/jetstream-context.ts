import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from 'nats';

export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  get message(): JsMsg {
    return this.args[0];
  }

  /** 1 on the first delivery. */
  get attempt(): number {
    return this.args[0].info.redeliveryCount;
  }
}
