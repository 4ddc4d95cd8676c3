/** Anyone signed in may upload evidence; a file is readable by its uploader until a record attaches it. */
export const filesGrants = {
  'files.upload': {
    district_admin: 'district',
    district_leader: 'district',
    department: 'district',
    street: 'district',
    committee: 'district',
    property: 'district',
    owners_committee: 'district',
    resident: 'district',
    inspector: 'district',
    emergency: 'district',
    mediator: 'district',
  },
} as const;
