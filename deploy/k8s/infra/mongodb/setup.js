// Run by the mongodb-setup job as the root user, against mongodb-0; safe to
// run again. Initiates the replica set, then gives each service a user whose
// only role is readWrite on its own database (grappes-<service>), so a
// service's credentials cannot read or change another's data.
db.getSiblingDB('admin').auth('root', process.env.MONGODB_ROOT_PASSWORD);
const members = [0, 1, 2].map((i) => ({ _id: i, host: `mongodb-${i}.mongodb-headless:27017` }));
try {
  rs.status();
} catch (e) {
  rs.initiate({ _id: 'rs0', members });
}
while (!db.hello().isWritablePrimary) {
  print('waiting to become primary...');
  sleep(2000);
}
for (const service of ['members', 'clusters', 'workshops', 'notifications', 'audit']) {
  const password = process.env[`MONGODB_${service.toUpperCase()}_PASSWORD`];
  if (!password) throw new Error(`no password for ${service}`);
  const target = db.getSiblingDB(`grappes-${service}`);
  const roles = [{ role: 'readWrite', db: `grappes-${service}` }];
  // Updating the password too: this is how a rotated one reaches the database.
  if (target.getUser(service)) target.updateUser(service, { pwd: password, roles });
  else target.createUser({ user: service, pwd: password, roles });
  print(`user ${service}: readWrite on grappes-${service}`);
}
