import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { Omittable } from '../common/omittable';
import { Page, PageQuery } from '../common/page';
import { IDEA_STATUSES, IdeaStatus, PROJECT_KINDS, ProjectKind, THEMES, Theme } from '../vocabulary';
import { ProjectView } from './projects.rpc';
import { defineRpc } from './rpc-definition';

export class PostIdeaBody {
  @ApiProperty({ example: 'Une lunette céramique injectée' }) @IsString() @Length(2, 160) title!: string;
  @ApiProperty({ enum: PROJECT_KINDS }) @IsIn(PROJECT_KINDS) kind!: ProjectKind;
  @ApiProperty() @IsString() @Length(1, 4000) description!: string;
  @ApiProperty({ enum: THEMES, isArray: true, description: 'The capabilities the idea needs, from the theme vocabulary' })
  @IsArray() @ArrayMaxSize(THEMES.length) @ArrayUnique() @IsIn(THEMES, { each: true })
  neededCapabilities!: Theme[];
}

export class PostIdea extends PostIdeaBody {
  @IsString() @Length(1, 64) clusterId!: string;
}

export class IdeaQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROJECT_KINDS }) @Omittable() @IsIn(PROJECT_KINDS) kind?: ProjectKind;
  @ApiPropertyOptional({ enum: IDEA_STATUSES }) @Omittable() @IsIn(IDEA_STATUSES) status?: IdeaStatus;
}

export class ListIdeas extends IdeaQuery {
  @IsString() @Length(1, 64) clusterId!: string;
}

export class IdeaRef {
  @IsString() @Length(1, 64) clusterId!: string;
  @IsString() @Length(1, 64) ideaId!: string;
}

export class CommentBody {
  @ApiProperty({ example: 'Nous avons un moule qui pourrait servir.' }) @IsString() @Length(1, 2000) text!: string;
}

export class CommentIdea extends CommentBody {
  @IsString() @Length(1, 64) clusterId!: string;
  @IsString() @Length(1, 64) ideaId!: string;
}

export interface IdeaInterestView {
  companyId: string;
  companyName: string;
  expressedAt: string;
}

export interface IdeaCommentView {
  id: string;
  authorId: string;
  authorEmail: string;
  companyId?: string;
  text: string;
  postedAt: string;
}

export interface IdeaView {
  id: string;
  clusterId: string;
  title: string;
  kind: ProjectKind;
  description: string;
  neededCapabilities: Theme[];
  status: IdeaStatus;
  authorId: string;
  authorEmail: string;
  authorCompanyId?: string;
  interests: IdeaInterestView[];
  comments: IdeaCommentView[];
  /** Set once the idea is launched as a project. */
  projectId?: string;
  lastActivityAt: string;
  createdAt: string;
}

/** What matchmaking needs to know of an idea: what it lacks, and who is in its cluster and on it already. */
export interface IdeaNeeds {
  ideaId: string;
  neededCapabilities: Theme[];
  /** The cluster's member companies now. */
  memberCompanyIds: string[];
  /** The companies already on the idea: its author's and the interested ones. */
  onIdeaCompanyIds: string[];
}

export const IDEAS_RPC = {
  postIdea: defineRpc<PostIdea, IdeaView>('clusters', 'post-idea', PostIdea),
  listIdeas: defineRpc<ListIdeas, Page<IdeaView>>('clusters', 'list-ideas', ListIdeas),
  commentIdea: defineRpc<CommentIdea, IdeaView>('clusters', 'comment-idea', CommentIdea),
  expressInterest: defineRpc<IdeaRef, IdeaView>('clusters', 'express-interest', IdeaRef),
  withdrawInterest: defineRpc<IdeaRef, void>('clusters', 'withdraw-interest', IdeaRef),
  closeIdea: defineRpc<IdeaRef, IdeaView>('clusters', 'close-idea', IdeaRef),
  launchIdea: defineRpc<IdeaRef, ProjectView>('clusters', 'launch-idea', IdeaRef),
  ideaNeeds: defineRpc<IdeaRef, IdeaNeeds>('clusters', 'idea-needs', IdeaRef),
};
