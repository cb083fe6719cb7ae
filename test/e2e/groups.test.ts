import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, rawCall, useCognate } from "../helpers/cognate.js";

const ROLE = "arn:aws:iam::123456789012:role/GroupRole";
const OTHER_ROLE = "arn:aws:iam::123456789012:role/OtherRole";
const MISSING_POOL = "us-east-1_missing";

describe("groups", () => {
  const t = useCognate();
  let poolId: string;

  const newPool = async (extra: Partial<CreateUserPoolCommandInput> = {}) =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName: "group-pool", ...extra }))).UserPool!.Id!;
  const newUser = async (pool: string, username: string, attributes: { Name: string; Value: string }[] = []) =>
    (
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: pool,
          Username: username,
          MessageAction: "SUPPRESS",
          UserAttributes: attributes,
        }),
      )
    ).User!;
  const newGroup = (pool: string, name: string) =>
    t.client.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: name }));
  const membersOf = async (pool: string, group: string) =>
    (await t.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: group }))).Users!.map(
      (u) => u.Username,
    );
  const groupsOf = async (pool: string, username: string) =>
    (await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: username }))).Groups!.map(
      (g) => g.GroupName,
    );

  before(async () => {
    poolId = await newPool();
  });

  describe("CreateGroup", () => {
    it("creates a group with every member and equal creation and modification dates", async () => {
      const before = Date.now();
      const { Group } = await t.client.send(
        new CreateGroupCommand({
          UserPoolId: poolId,
          GroupName: "admins",
          Description: "Administrators",
          RoleArn: ROLE,
          Precedence: 0,
        }),
      );
      assert.ok(Group);
      assert.equal(Group.GroupName, "admins");
      assert.equal(Group.UserPoolId, poolId);
      assert.equal(Group.Description, "Administrators");
      assert.equal(Group.RoleArn, ROLE);
      assert.equal(Group.Precedence, 0);
      assert.ok(Group.CreationDate instanceof Date);
      assert.ok(Group.CreationDate.getTime() >= before - 1000 && Group.CreationDate.getTime() <= Date.now() + 1000);
      assert.equal(Group.LastModifiedDate!.getTime(), Group.CreationDate.getTime());
    });

    it("leaves Description, RoleArn and Precedence out when not given (Precedence defaults to null)", async () => {
      const res = await rawCall(t.url, "CreateGroup", JSON.stringify({ UserPoolId: poolId, GroupName: "plain" }));
      assert.equal(res.status, 200);
      const group = res.body.Group as Record<string, unknown>;
      assert.deepEqual(Object.keys(group).sort(), ["CreationDate", "GroupName", "LastModifiedDate", "UserPoolId"]);
      assert.equal(typeof group.CreationDate, "number");
    });

    it("rejects a name the pool already has with GroupExistsException", async () => {
      await newGroup(poolId, "dup");
      const err = await errorOf(() => newGroup(poolId, "dup"));
      assert.equal(err.name, "GroupExistsException");
      assert.equal(err.message, "A group with the name already exists");
    });

    it("allows the same name in another pool", async () => {
      const other = await newPool();
      const { Group } = await newGroup(other, "admins");
      assert.equal(Group!.UserPoolId, other);
    });

    it("rejects a RoleArn that is not an ARN and a negative Precedence before the handler runs", async () => {
      const badArn = await errorOf(() =>
        t.client.send(
          new CreateGroupCommand({ UserPoolId: poolId, GroupName: "bad-arn", RoleArn: "not-an-arn-at-all-really" }),
        ),
      );
      assert.equal(badArn.name, "InvalidParameterException");
      const negative = await errorOf(() =>
        t.client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "negative", Precedence: -1 })),
      );
      assert.equal(negative.name, "InvalidParameterException");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() => newGroup(MISSING_POOL, "x"));
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, `User pool ${MISSING_POOL} does not exist.`);
    });
  });

  describe("GetGroup", () => {
    it("returns the group as CreateGroup answered it", async () => {
      const created = (
        await t.client.send(
          new CreateGroupCommand({ UserPoolId: poolId, GroupName: "readers", Description: "Readers", Precedence: 5 }),
        )
      ).Group!;
      const { Group } = await t.client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "readers" }));
      assert.deepEqual(Group, created);
    });

    it("treats group names as case-sensitive", async () => {
      const err = await errorOf(() => t.client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "READERS" })));
      assert.equal(err.name, "ResourceNotFoundException");
      // Names differing only in case are two groups.
      const pool = await newPool();
      await newGroup(pool, "Admins");
      await newGroup(pool, "admins");
      const { Groups } = await t.client.send(new ListGroupsCommand({ UserPoolId: pool }));
      assert.deepEqual(Groups!.map((g) => g.GroupName).sort(), ["Admins", "admins"]);
    });

    it("answers ResourceNotFoundException 'Group not found.' for an unknown group", async () => {
      const err = await errorOf(() => t.client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "nobody" })));
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Group not found.");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new GetGroupCommand({ UserPoolId: MISSING_POOL, GroupName: "admins" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, `User pool ${MISSING_POOL} does not exist.`);
    });
  });

  describe("UpdateGroup", () => {
    it("changes only the members given and keeps the others", async () => {
      const pool = await newPool();
      const created = (
        await t.client.send(
          new CreateGroupCommand({
            UserPoolId: pool,
            GroupName: "g",
            Description: "Old",
            RoleArn: ROLE,
            Precedence: 3,
          }),
        )
      ).Group!;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { Group } = await t.client.send(
        new UpdateGroupCommand({ UserPoolId: pool, GroupName: "g", Precedence: 1 }),
      );
      assert.equal(Group!.Precedence, 1);
      assert.equal(Group!.Description, "Old");
      assert.equal(Group!.RoleArn, ROLE);
      assert.equal(Group!.CreationDate!.getTime(), created.CreationDate!.getTime());
      assert.ok(Group!.LastModifiedDate!.getTime() > created.LastModifiedDate!.getTime());

      const second = await t.client.send(
        new UpdateGroupCommand({ UserPoolId: pool, GroupName: "g", Description: "New", RoleArn: OTHER_ROLE }),
      );
      assert.equal(second.Group!.Description, "New");
      assert.equal(second.Group!.RoleArn, OTHER_ROLE);
      assert.equal(second.Group!.Precedence, 1);

      const { Group: fetched } = await t.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "g" }));
      assert.deepEqual(fetched, second.Group);
    });

    it("sets members a group was created without", async () => {
      const pool = await newPool();
      await newGroup(pool, "bare");
      const { Group } = await t.client.send(
        new UpdateGroupCommand({ UserPoolId: pool, GroupName: "bare", Description: "Now described", Precedence: 0 }),
      );
      assert.equal(Group!.Description, "Now described");
      assert.equal(Group!.Precedence, 0);
      assert.equal(Group!.RoleArn, undefined);
    });

    it("answers ResourceNotFoundException 'Group not found.' for an unknown group", async () => {
      const err = await errorOf(() =>
        t.client.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: "nobody", Description: "x" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Group not found.");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new UpdateGroupCommand({ UserPoolId: MISSING_POOL, GroupName: "g" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });
  });

  describe("DeleteGroup", () => {
    it("deletes the group and its memberships, and frees the name", async () => {
      const pool = await newPool();
      await newGroup(pool, "temp");
      await newUser(pool, "member");
      await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "temp", Username: "member" }));
      assert.deepEqual(await groupsOf(pool, "member"), ["temp"]);

      const out = await t.client.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: "temp" }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const err = await errorOf(() => t.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "temp" })));
      assert.equal(err.name, "ResourceNotFoundException");
      assert.deepEqual(await groupsOf(pool, "member"), []);

      // A new group of the same name starts without the old members.
      await newGroup(pool, "temp");
      assert.deepEqual(await membersOf(pool, "temp"), []);
    });

    it("answers ResourceNotFoundException 'Group not found.' for an unknown group", async () => {
      const err = await errorOf(() =>
        t.client.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: "nobody" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Group not found.");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new DeleteGroupCommand({ UserPoolId: MISSING_POOL, GroupName: "g" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });
  });

  describe("ListGroups", () => {
    it("lists groups by name and pages with Limit and NextToken", async () => {
      const pool = await newPool();
      for (const name of ["delta", "alpha", "charlie", "bravo", "echo"]) await newGroup(pool, name);
      const first = await t.client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 2 }));
      assert.deepEqual(
        first.Groups!.map((g) => g.GroupName),
        ["alpha", "bravo"],
      );
      assert.equal(first.Groups![0]!.UserPoolId, pool);
      assert.ok(first.Groups![0]!.CreationDate instanceof Date);
      assert.ok(first.NextToken);
      const second = await t.client.send(
        new ListGroupsCommand({ UserPoolId: pool, Limit: 2, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        second.Groups!.map((g) => g.GroupName),
        ["charlie", "delta"],
      );
      const third = await t.client.send(
        new ListGroupsCommand({ UserPoolId: pool, Limit: 2, NextToken: second.NextToken }),
      );
      assert.deepEqual(
        third.Groups!.map((g) => g.GroupName),
        ["echo"],
      );
      assert.equal(third.NextToken, undefined);
    });

    it("returns up to 60 groups when Limit is absent", async () => {
      const pool = await newPool();
      for (let i = 0; i < 61; i++) await newGroup(pool, `g${String(i).padStart(2, "0")}`);
      const first = await t.client.send(new ListGroupsCommand({ UserPoolId: pool }));
      assert.equal(first.Groups!.length, 60);
      assert.ok(first.NextToken);
      const rest = await t.client.send(new ListGroupsCommand({ UserPoolId: pool, NextToken: first.NextToken }));
      assert.deepEqual(
        rest.Groups!.map((g) => g.GroupName),
        ["g60"],
      );
      assert.equal(rest.NextToken, undefined);
    });

    it("returns an empty list for a pool without groups", async () => {
      const pool = await newPool();
      const out = await t.client.send(new ListGroupsCommand({ UserPoolId: pool }));
      assert.deepEqual(out.Groups, []);
      assert.equal(out.NextToken, undefined);
    });

    it("rejects Limit above 60 and an unknown NextToken with InvalidParameterException", async () => {
      const tooMany = await errorOf(() => t.client.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 61 })));
      assert.equal(tooMany.name, "InvalidParameterException");
      const badToken = await errorOf(() =>
        t.client.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: "not-a-token" })),
      );
      assert.equal(badToken.name, "InvalidParameterException");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() => t.client.send(new ListGroupsCommand({ UserPoolId: MISSING_POOL })));
      assert.equal(err.name, "ResourceNotFoundException");
    });
  });

  describe("membership", () => {
    let pool: string;

    before(async () => {
      pool = await newPool();
      for (const name of ["staff", "editors", "viewers"]) await newGroup(pool, name);
      for (const name of ["carol", "alice", "bob"])
        await newUser(pool, name, [{ Name: "email", Value: `${name}@example.com` }]);
    });

    it("adds users to groups and lists the membership in both directions", async () => {
      for (const username of ["carol", "alice", "bob"]) {
        await t.client.send(
          new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "staff", Username: username }),
        );
      }
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "viewers", Username: "alice" }),
      );
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "editors", Username: "alice" }),
      );

      assert.deepEqual(await membersOf(pool, "staff"), ["alice", "bob", "carol"]);
      assert.deepEqual(await membersOf(pool, "editors"), ["alice"]);
      assert.deepEqual(await groupsOf(pool, "alice"), ["editors", "staff", "viewers"]);
      assert.deepEqual(await groupsOf(pool, "bob"), ["staff"]);
    });

    it("answers members as UserType and groups as GroupType", async () => {
      const { Users } = await t.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "editors" }));
      const alice = Users![0]!;
      assert.equal(alice.Username, "alice");
      assert.equal(alice.Enabled, true);
      assert.equal(alice.UserStatus, "FORCE_CHANGE_PASSWORD");
      assert.ok(alice.UserCreateDate instanceof Date);
      assert.ok(alice.UserLastModifiedDate instanceof Date);
      const attributes = Object.fromEntries(alice.Attributes!.map((a) => [a.Name, a.Value]));
      assert.equal(attributes.email, "alice@example.com");
      assert.match(attributes.sub, /^[0-9a-f-]{36}$/);

      const { Groups } = await t.client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "alice" }),
      );
      const editors = Groups!.find((g) => g.GroupName === "editors")!;
      const { Group } = await t.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "editors" }));
      assert.deepEqual(editors, Group);
    });

    it("treats adding a member twice as success without a second membership", async () => {
      const out = await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "editors", Username: "alice" }),
      );
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await membersOf(pool, "editors"), ["alice"]);
      assert.deepEqual(await groupsOf(pool, "alice"), ["editors", "staff", "viewers"]);
    });

    it("pages ListUsersInGroup and AdminListGroupsForUser with Limit and NextToken", async () => {
      const users1 = await t.client.send(
        new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "staff", Limit: 2 }),
      );
      assert.deepEqual(
        users1.Users!.map((u) => u.Username),
        ["alice", "bob"],
      );
      assert.ok(users1.NextToken);
      const users2 = await t.client.send(
        new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "staff", Limit: 2, NextToken: users1.NextToken }),
      );
      assert.deepEqual(
        users2.Users!.map((u) => u.Username),
        ["carol"],
      );
      assert.equal(users2.NextToken, undefined);

      const groups1 = await t.client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "alice", Limit: 2 }),
      );
      assert.deepEqual(
        groups1.Groups!.map((g) => g.GroupName),
        ["editors", "staff"],
      );
      assert.ok(groups1.NextToken);
      const groups2 = await t.client.send(
        new AdminListGroupsForUserCommand({
          UserPoolId: pool,
          Username: "alice",
          Limit: 2,
          NextToken: groups1.NextToken,
        }),
      );
      assert.deepEqual(
        groups2.Groups!.map((g) => g.GroupName),
        ["viewers"],
      );
      assert.equal(groups2.NextToken, undefined);
    });

    it("rejects an unknown NextToken and Limit above 60 with InvalidParameterException", async () => {
      const badUsers = await errorOf(() =>
        t.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "staff", NextToken: "bogus" })),
      );
      assert.equal(badUsers.name, "InvalidParameterException");
      const badGroups = await errorOf(() =>
        t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "alice", NextToken: "bogus" })),
      );
      assert.equal(badGroups.name, "InvalidParameterException");
      const tooMany = await errorOf(() =>
        t.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "staff", Limit: 61 })),
      );
      assert.equal(tooMany.name, "InvalidParameterException");
      const tooManyGroups = await errorOf(() =>
        t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "alice", Limit: 61 })),
      );
      assert.equal(tooManyGroups.name, "InvalidParameterException");
    });

    it("removes a member, and removing a non-member succeeds without change", async () => {
      await t.client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, GroupName: "viewers", Username: "alice" }),
      );
      assert.deepEqual(await membersOf(pool, "viewers"), []);
      assert.deepEqual(await groupsOf(pool, "alice"), ["editors", "staff"]);
      const again = await t.client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, GroupName: "viewers", Username: "alice" }),
      );
      assert.equal(again.$metadata.httpStatusCode, 200);
      assert.deepEqual(await groupsOf(pool, "alice"), ["editors", "staff"]);
    });

    it("treats Limit 0 as the default page size and lists no groups for a user without memberships", async () => {
      const out = await t.client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "bob", Limit: 0 }),
      );
      assert.deepEqual(
        out.Groups!.map((g) => g.GroupName),
        ["staff"],
      );
      await newUser(pool, "loner");
      const loner = await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "loner" }));
      assert.deepEqual(loner.Groups, []);
      assert.equal(loner.NextToken, undefined);
    });

    it("answers UserNotFoundException for an unknown user", async () => {
      for (const command of [
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "staff", Username: "ghost" }),
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, GroupName: "staff", Username: "ghost" }),
      ]) {
        const err = await errorOf(() => t.client.send(command as AdminAddUserToGroupCommand));
        assert.equal(err.name, "UserNotFoundException");
        assert.equal(err.message, "User does not exist.");
      }
      const err = await errorOf(() =>
        t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: "ghost" })),
      );
      assert.equal(err.name, "UserNotFoundException");
      assert.equal(err.message, "User does not exist.");
    });

    it("answers ResourceNotFoundException 'Group not found.' for an unknown group", async () => {
      for (const command of [
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "nobody", Username: "alice" }),
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, GroupName: "nobody", Username: "alice" }),
      ]) {
        const err = await errorOf(() => t.client.send(command as AdminAddUserToGroupCommand));
        assert.equal(err.name, "ResourceNotFoundException");
        assert.equal(err.message, "Group not found.");
      }
      const err = await errorOf(() =>
        t.client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "nobody" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Group not found.");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const calls = [
        () =>
          t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: MISSING_POOL, GroupName: "g", Username: "u" })),
        () =>
          t.client.send(
            new AdminRemoveUserFromGroupCommand({ UserPoolId: MISSING_POOL, GroupName: "g", Username: "u" }),
          ),
        () => t.client.send(new ListUsersInGroupCommand({ UserPoolId: MISSING_POOL, GroupName: "g" })),
        () => t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: MISSING_POOL, Username: "u" })),
      ];
      for (const call of calls) {
        const err = await errorOf(call);
        assert.equal(err.name, "ResourceNotFoundException");
        assert.equal(err.message, `User pool ${MISSING_POOL} does not exist.`);
      }
    });

    it("drops a deleted user from the group's members", async () => {
      await newUser(pool, "leaver");
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "viewers", Username: "leaver" }),
      );
      assert.deepEqual(await membersOf(pool, "viewers"), ["leaver"]);
      await t.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "leaver" }));
      assert.deepEqual(await membersOf(pool, "viewers"), []);
      // The group itself stays.
      const { Group } = await t.client.send(new GetGroupCommand({ UserPoolId: pool, GroupName: "viewers" }));
      assert.equal(Group?.GroupName, "viewers");
    });
  });

  describe("membership in pools that resolve usernames", () => {
    it("finds members by any case in a case-insensitive pool and lists their username as created", async () => {
      const pool = await newPool({ UsernameConfiguration: { CaseSensitive: false } });
      await newGroup(pool, "team");
      await newUser(pool, "MixedCase");
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "team", Username: "mixedcase" }),
      );
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "team", Username: "MIXEDCASE" }),
      );
      assert.deepEqual(await membersOf(pool, "team"), ["MixedCase"]);
      assert.deepEqual(await groupsOf(pool, "mIxEdCaSe"), ["team"]);
      await t.client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, GroupName: "team", Username: "MixedCase" }),
      );
      assert.deepEqual(await membersOf(pool, "team"), []);
    });

    it("keeps differently cased usernames apart in a case-sensitive pool", async () => {
      const pool = await newPool({ UsernameConfiguration: { CaseSensitive: true } });
      await newGroup(pool, "team");
      await newUser(pool, "Sam");
      await newUser(pool, "sam");
      await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "team", Username: "Sam" }));
      assert.deepEqual(await membersOf(pool, "team"), ["Sam"]);
      assert.deepEqual(await groupsOf(pool, "sam"), []);
    });

    it("accepts the email as Username in a pool that signs in with email", async () => {
      const pool = await newPool({ UsernameAttributes: ["email"] });
      await newGroup(pool, "team");
      const user = await newUser(pool, "dana@example.com");
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, GroupName: "team", Username: "dana@example.com" }),
      );
      assert.deepEqual(await membersOf(pool, "team"), [user.Username]);
      assert.deepEqual(await groupsOf(pool, "dana@example.com"), ["team"]);
      assert.deepEqual(await groupsOf(pool, user.Username!), ["team"]);
    });
  });
});
